import { describe, expect, it } from '@jest/globals';
import { consentForRefreshTokenOf } from '../../../src/upstream/plugin_defaults.js';

/**
 * consentForRefreshToken's default: without the hook, a login that brought no refresh token is
 * finished as it is (no second round); with it, the plugin's answer, unless it asks for nothing.
 */
describe('consentForRefreshTokenOf', () => {
  it('sends no second round for a plugin without the hook', () => {
    expect(consentForRefreshTokenOf({}, 'acme-v2', ['login'])).toBeUndefined();
  });

  it('hands the plugin the API and the login’s prompt, and returns its answer', () => {
    const heard: unknown[] = [];
    const plugin = { consentForRefreshToken: (...args: unknown[]) => (heard.push(args), { prompt: 'consent' }) };
    expect(consentForRefreshTokenOf(plugin, 'acme-v2', ['select_account'])).toEqual({ prompt: 'consent' });
    expect(heard).toEqual([['acme-v2', ['select_account']]]);
  });

  it.each([[undefined], [{}], [{ prompt: undefined }]])('reads an answer that asks for nothing (%j) as no second round', (answer) => {
    expect(consentForRefreshTokenOf({ consentForRefreshToken: () => answer }, 'acme-v2', [])).toBeUndefined();
  });
});
