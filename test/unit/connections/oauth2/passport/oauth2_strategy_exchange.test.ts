import { describe, expect, it } from '@jest/globals';
import { UpstreamOAuthError } from '../../../../../src/connections/oauth2/errors/oauth_error.js';
import { readOAuthErrorBody } from '../../../../../src/connections/oauth2/errors/oauth_error_body.js';
import { parseJsonObject } from '../../../../../src/connections/oauth2/json.js';
import { OAuth2LoginStrategy, type OAuth2LoginVerify } from '../../../../../src/connections/oauth2/passport/oauth2_strategy.js';
import type { TokenResponse } from '../../../../../src/connections/oauth2/token_response.js';
import type { UpstreamAnswer } from '../../../../../src/connections/plugin.js';
import { recordingPort } from '../recording_port.js';
import { authenticateOnce } from './live_strategy.js';

const CALLBACK = 'https://host.example/callback';
const ANSWER = { access_token: 'at', refresh_token: 'rt', token_type: 'Bearer', expires_in: 3600, scope: 'read' };
const json = (status: number, body: object): UpstreamAnswer => ({ status, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

/** A state store that verifies every state, handing back `verifier` as passport-oauth2's PKCE stores do (or `true` without one). */
const store = (verifier?: string) => ({
  store(_req: unknown, _verifier: unknown, _state: unknown, _meta: unknown, callback: (error: null, handle: string) => void) {
    callback(null, 'handle');
  },
  verify(_req: unknown, _state: string, callback: (error: null, ok: string | boolean, state: object) => void) {
    callback(null, verifier ?? true, {});
  },
});

function strategyWith(answer: UpstreamAnswer, pkce: boolean, verify: OAuth2LoginVerify<TokenResponse>) {
  const port = recordingPort(answer);
  const strategy = new OAuth2LoginStrategy(
    {
      authorizationURL: 'https://upstream.example/authorize',
      tokenEndpoint: {
        url: 'https://upstream.example/token',
        client: { method: 'client_secret_post', clientID: 'c', clientSecret: 's' },
        upstreamFetch: port.upstreamFetch,
        timeoutMs: 1_000,
        refusal: (refused) => {
          const oauth = readOAuthErrorBody(parseJsonObject(refused.body) ?? {});
          return new UpstreamOAuthError({ operation: refused.operation, status: refused.status, upstreamCode: oauth?.code ?? 'none' });
        },
      },
      clientID: 'c',
      clientSecret: 's',
      callbackURL: CALLBACK,
      scope: ['read'],
      pkce,
      store: store(pkce ? 'v'.repeat(43) : undefined),
    },
    verify,
  );
  return { strategy, calls: port.calls };
}

/** The code exchanged through the shared client, and its answer parsed once, for verify. */
describe('OAuth2LoginStrategy exchanging the code', () => {
  it('hands verify the answer parsed once, the same object tokenAnswerOf gives for passport-oauth2’s params', async () => {
    const seen: TokenResponse[] = [];
    const { strategy, calls } = strategyWith(json(200, ANSWER), true, (_req, token, _profile, done) => {
      seen.push(token);
      done(null, { id: 'u' });
    });
    const outcome = await authenticateOnce(strategy, { query: { code: 'the-code', state: 'handle' } });
    expect(outcome).toMatchObject({ success: { id: 'u' } });
    expect(seen).toEqual([{ accessToken: 'at', refreshToken: 'rt', expiresIn: 3600, scope: 'read', idToken: undefined, json: ANSWER }]);
    expect(strategy.tokenAnswerOf(seen[0]!.json)).toBe(seen[0]);
    expect(calls).toEqual([
      expect.objectContaining({
        operation: 'token',
        url: 'https://upstream.example/token',
        form: { grant_type: 'authorization_code', code: 'the-code', code_verifier: 'v'.repeat(43), redirect_uri: CALLBACK, client_id: 'c', client_secret: 's' },
      }),
    ]);
  });

  it('sends no code_verifier when PKCE is off', async () => {
    const { strategy, calls } = strategyWith(json(200, ANSWER), false, (_req, _token, _profile, done) => done(null, { id: 'u' }));
    await authenticateOnce(strategy, { query: { code: 'the-code', state: 'handle' } });
    expect(calls[0]?.form).not.toHaveProperty('code_verifier');
  });

  it('passes the refusal reader’s typed error to passport unwrapped, and never calls verify', async () => {
    let verified = false;
    const { strategy } = strategyWith(json(400, { error: 'invalid_grant' }), true, () => (verified = true));
    const outcome = await authenticateOnce(strategy, { query: { code: 'the-code', state: 'handle' } });
    expect(outcome).toEqual({ error: expect.any(UpstreamOAuthError) });
    expect((outcome as { error: UpstreamOAuthError }).error).toMatchObject({ kind: 'invalid_grant', operation: 'token', status: 400 });
    expect(verified).toBe(false);
  });

});
