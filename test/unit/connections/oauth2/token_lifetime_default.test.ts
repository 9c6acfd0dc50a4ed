import { describe, expect, it } from '@jest/globals';
import { UpstreamServerError } from '../../../../src/connections/oauth2/errors/server_error.js';
import { requestToken, type TokenEndpoint } from '../../../../src/connections/oauth2/token_request.js';
import { parseTokenResponse } from '../../../../src/connections/oauth2/token_response.js';
import { recordingPort } from './recording_port.js';

// RFC 6749 §5.1: expires_in is RECOMMENDED; "If omitted, the authorization server SHOULD ...
// document the default value." A plugin declares that documented default on its token endpoint.
const WITHOUT_EXPIRES_IN = { access_token: 'at', token_type: 'Bearer', refresh_token: 'rt' };
const DEFAULT = { defaultAccessTokenLifetimeSeconds: 7200 };

/** An answer without expires_in, at an upstream whose plugin declares its documented default lifetime. */
describe('the documented default access token lifetime', () => {
  it('is the lifetime of an answer without expires_in, at the code exchange and at a refresh', () => {
    expect(parseTokenResponse('token', WITHOUT_EXPIRES_IN, DEFAULT)).toMatchObject({ accessToken: 'at', refreshToken: 'rt', expiresIn: 7200 });
    expect(parseTokenResponse('refresh', WITHOUT_EXPIRES_IN, DEFAULT).expiresIn).toBe(7200);
  });

  it('gives way to the expires_in an answer sends, 0 included', () => {
    expect(parseTokenResponse('token', { ...WITHOUT_EXPIRES_IN, expires_in: 60 }, DEFAULT).expiresIn).toBe(60);
    expect(parseTokenResponse('token', { ...WITHOUT_EXPIRES_IN, expires_in: 0 }, DEFAULT).expiresIn).toBe(0);
  });

  it('does not stand in for an expires_in that is sent but no number of seconds', () => {
    for (const expiresIn of ['soon', '', -1, null]) {
      expect(() => parseTokenResponse('token', { ...WITHOUT_EXPIRES_IN, expires_in: expiresIn }, DEFAULT)).toThrow(
        expect.objectContaining({ kind: 'bad_response', message: expect.stringContaining('expires_in is not a number of seconds') }),
      );
    }
  });

  it('reaches the answer from the token endpoint the plugin declares it on', async () => {
    const { upstreamFetch } = recordingPort({ status: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify(WITHOUT_EXPIRES_IN) });
    const endpoint: TokenEndpoint = {
      url: 'https://upstream.example/token',
      client: { method: 'none', clientID: 'c' },
      upstreamFetch,
      timeoutMs: 1_000,
      refusal: (refused) => new UpstreamServerError(refused),
      ...DEFAULT,
    };
    const refreshed = await requestToken({ ...endpoint, grant: { grant_type: 'refresh_token', refresh_token: 'rt' } });
    expect(refreshed.expiresIn).toBe(7200);
  });

  it('is a plugin’s mistake, not the upstream’s, when it is no number of seconds above 0', () => {
    for (const seconds of [0, -5, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => parseTokenResponse('token', WITHOUT_EXPIRES_IN, { defaultAccessTokenLifetimeSeconds: seconds })).toThrow(TypeError);
    }
  });
});
