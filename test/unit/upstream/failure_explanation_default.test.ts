import { describe, expect, it } from '@jest/globals';
import type { FailureExplanation } from '../../../src/connections/plugin.js';
import { explanationOf } from '../../../src/upstream/plugin_defaults.js';
import { fakePlugin } from '../../support/fake_plugin.js';

/**
 * explainFailure's default, applied beside the other three: the plugin's words, whole, where it has
 * some for an API it offers, else the host's, which the caller hands in.
 */
const TRIED = { api: 'acme-v2', callbackUrl: 'https://acme.example.com/login/callback' };
const HOST: FailureExplanation = { meaning: 'Host words.', fix: 'Host fix.', field: 'setupSteps' };
const { apis } = fakePlugin();

function hostWords(): { words: () => FailureExplanation; asked: () => number } {
  let count = 0;
  return { words: () => (count++, HOST), asked: () => count };
}

describe('explanationOf', () => {
  it('takes the plugin’s explanation whole, with no host field added, and leaves the host’s words unasked', () => {
    const host = hostWords();
    const plugin = { apis, explainFailure: () => ({ meaning: 'Acme words.', fix: 'Acme fix.' }) };
    expect(explanationOf(plugin, TRIED, 'invalid_client', host.words)).toEqual({ meaning: 'Acme words.', fix: 'Acme fix.' });
    expect(host.asked()).toBe(0);
  });

  it('hands the plugin the kind, the API and the callback URL alone', () => {
    const heard: unknown[] = [];
    const plugin = { apis, explainFailure: (...args: unknown[]) => (heard.push(args), undefined) };
    // The dashboard passes its whole context, which holds more than the plugin is owed.
    const context = { ...TRIED, requestedPermissions: ['steps'] };
    explanationOf(plugin, context, 'gone', hostWords().words);
    expect(heard).toEqual([['gone', { api: 'acme-v2', callbackUrl: TRIED.callbackUrl }]]);
  });

  it('takes the host’s words when the plugin has none for the kind, or no explainFailure, or there is no plugin', () => {
    expect(explanationOf({ apis, explainFailure: () => undefined }, TRIED, 'gone', hostWords().words)).toBe(HOST);
    expect(explanationOf({ apis }, TRIED, 'gone', hostWords().words)).toBe(HOST);
    expect(explanationOf(undefined, TRIED, 'gone', hostWords().words)).toBe(HOST);
  });

  it('asks the plugin nothing about an API it does not offer', () => {
    const asked: string[] = [];
    const plugin = { apis, explainFailure: (_kind: string, tried: { api: string }) => (asked.push(tried.api), { meaning: 'Acme words.', fix: 'Acme fix.' }) };
    expect(explanationOf(plugin, { ...TRIED, api: 'acme-v0' }, 'not_configured', hostWords().words)).toBe(HOST);
    expect(asked).toEqual([]);
  });
});
