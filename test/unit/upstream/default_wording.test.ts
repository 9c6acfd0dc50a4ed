import { describe, expect, it } from '@jest/globals';
import { wordingOf } from '../../../src/upstream/plugin_defaults.js';
import { fakePlugin } from '../../support/fake_plugin.js';

describe('the wording of a plugin that has none', () => {
  const plain = { displayName: 'Trailmark' };

  it('names the upstream as the connection is named, with the host’s sentences for the rest', () => {
    expect(wordingOf(plain, 'trailmark-v3')).toEqual({
      name: 'Trailmark',
      gone: 'Trailmark answered that this API is gone (HTTP 410 Gone); an administrator must check the connection\'s settings.',
      noRefreshToken: 'fitgate cannot renew the Trailmark tokens of a user who signs in like this: once the access token expires, they must sign in again.',
    });
  });

  it('keeps a plugin’s own wording, the name above all, and settles only what it left out', () => {
    const acme = { ...fakePlugin(), displayName: 'Acme Connect' };
    expect(wordingOf(acme, 'acme-v1')).toMatchObject({ name: 'Acme', gone: 'Acme v1 is retired; switch this connection to acme-v2.' });
    expect(wordingOf(acme, 'acme-v2').gone).toBe('Acme answered that this API is gone (HTTP 410 Gone); an administrator must check the connection\'s settings.');
  });
});
