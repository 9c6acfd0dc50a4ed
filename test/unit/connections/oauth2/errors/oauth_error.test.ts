import { describe, expect, it } from '@jest/globals';
import { UpstreamOAuthError } from '../../../../../src/connections/oauth2/errors/oauth_error.js';

describe('UpstreamOAuthError', () => {
  it("takes the standard code's kind (RFC 6749, RFC 6750, OpenID Connect)", () => {
    const kinds = Object.fromEntries(
      ['invalid_grant', 'invalid_client', 'unsupported_grant_type', 'invalid_token', 'login_required', 'temporarily_unavailable'].map((code) => [
        code,
        new UpstreamOAuthError({ operation: 'token', upstreamCode: code }).kind,
      ]),
    );
    expect(kinds).toEqual({
      invalid_grant: 'invalid_grant',
      invalid_client: 'invalid_client',
      unsupported_grant_type: 'invalid_request',
      invalid_token: 'invalid_token',
      login_required: 'interaction_required',
      temporarily_unavailable: 'unavailable',
    });
  });

  it('calls any other code upstream_error, an inherited property name too', () => {
    expect(new UpstreamOAuthError({ operation: 'token', upstreamCode: 'admin_policy_enforced' }).kind).toBe('upstream_error');
    expect(new UpstreamOAuthError({ operation: 'token', upstreamCode: 'constructor' }).kind).toBe('upstream_error');
  });

  it("takes the plugin's kind for a code of its upstream's own", () => {
    const error = new UpstreamOAuthError({ operation: 'refresh', status: 400, upstreamCode: 'expired_refresh', kind: 'invalid_grant' });
    expect(error).toMatchObject({ kind: 'invalid_grant', operation: 'refresh', status: 400, upstreamCode: 'expired_refresh', name: 'UpstreamOAuthError' });
    expect(error.message).toBe('Upstream refresh call failed with expired_refresh');
  });

  it('keeps no token the upstream echoed in its description', () => {
    const error = new UpstreamOAuthError({ operation: 'token', upstreamCode: 'invalid_grant', upstreamMessage: 'Code invalid: 2f8c9e1b7a6d5c4b3a29180706f5e4d3' });
    expect(error.upstreamMessage).toBe('Code invalid: [redacted]');
    expect(error.message).not.toContain('2f8c9e1b7a6d5c4b3a29180706f5e4d3');
  });
});
