import { describe, expect, it } from '@jest/globals';
import type { PluginErrorKind } from '../../../src/connections/plugin.js';
import { remedyOf, type UpstreamRemedy } from '../../../src/domain/upstream_remedy.js';
import { PLUGIN_ERROR_KINDS } from '../../../src/domain/read_plugin_failure.js';

/** Whose remedy each plugin failure is: the one table the login, TRY and the vault read. */
describe('the remedy of a plugin failure', () => {
  const REMEDIES: readonly UpstreamRemedy[] = ['user', 'admin', 'passing', 'reauthorize', 'unexplained'];

  it.each(PLUGIN_ERROR_KINDS)('is one of the five for %s, at a login and at a refresh', (kind) => {
    expect(REMEDIES).toContain(remedyOf(kind, 'login'));
    expect(REMEDIES).toContain(remedyOf(kind, 'refresh'));
  });

  it('differs by operation only for unauthorized_client, gone and invalid_token', () => {
    const split = PLUGIN_ERROR_KINDS.filter((kind) => remedyOf(kind, 'login') !== remedyOf(kind, 'refresh'));
    expect(split.sort()).toEqual(['gone', 'invalid_token', 'unauthorized_client']);
  });

  it('puts an access token refused at a login on a new sign-in, never on the connection\'s settings, and leaves it unexplained at a refresh', () => {
    expect(remedyOf('invalid_token', 'login')).toBe('reauthorize');
    expect(remedyOf('invalid_token', 'refresh')).toBe('unexplained');
  });

  it('puts unauthorized_client on the admin at a login and on a new sign-in at a refresh', () => {
    expect(remedyOf('unauthorized_client', 'login')).toBe('admin');
    expect(remedyOf('unauthorized_client', 'refresh')).toBe('reauthorize');
  });

  it.each(['conflict', 'rate_limited', 'unavailable', 'timeout'] satisfies PluginErrorKind[])('lets %s pass by waiting, wherever it comes', (kind) => {
    expect(remedyOf(kind, 'login')).toBe('passing');
    expect(remedyOf(kind, 'refresh')).toBe('passing');
  });

  it('puts interaction_required on the user, never on the connection\'s settings', () => {
    expect(remedyOf('interaction_required', 'login')).toBe('user');
  });

  it('puts the user\'s own refusals and accounts on the user', () => {
    for (const kind of ['access_denied', 'account_unusable', 'insufficient_scope'] satisfies PluginErrorKind[]) expect(remedyOf(kind, 'login')).toBe('user');
  });

  it('puts the connection\'s client, its settings and a retired API on the admin at a login', () => {
    for (const kind of ['invalid_client', 'redirect_uri_mismatch', 'invalid_scope', 'api_not_enabled', 'invalid_id_token', 'gone'] satisfies PluginErrorKind[]) {
      expect(remedyOf(kind, 'login')).toBe('admin');
    }
    expect(remedyOf('invalid_client', 'refresh')).toBe('admin');
  });

  it('puts a refused code or refresh token on a new sign-in', () => {
    expect(remedyOf('invalid_grant', 'login')).toBe('reauthorize');
    expect(remedyOf('invalid_grant', 'refresh')).toBe('reauthorize');
    expect(remedyOf('gone', 'refresh')).toBe('reauthorize');
  });

  it('leaves to no one the answers nothing is known of', () => {
    for (const kind of ['invalid_request', 'bad_response', 'upstream_error'] satisfies PluginErrorKind[]) expect(remedyOf(kind, 'login')).toBe('unexplained');
  });
});
