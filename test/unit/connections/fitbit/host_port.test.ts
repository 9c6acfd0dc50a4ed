import { describe, expect, it } from '@jest/globals';
import { createTokenClient, fitbitPlugin } from '../../../../src/connections/fitbit/index.js';
import type { PluginErrorKind, UpstreamAnswer, UpstreamFetch } from '../../../../src/connections/plugin.js';

interface Call {
  operation: string;
  url: string;
  method: string | undefined;
  body: string | undefined;
  /** What the port's failureKind reads in the answer it gave, for the metrics. */
  counted?: PluginErrorKind | undefined;
}

const json = (status: number, body: unknown): UpstreamAnswer => ({ status, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

const REFRESHED = json(200, { access_token: 'new-access', refresh_token: 'new-refresh', expires_in: 28800, token_type: 'Bearer', scope: 'activity profile' });

/**
 * A port standing in for the host's: it records every call and answers from `answers`, by
 * operation, without any network. No upstreamBaseUrl is given, so a call the plugin made by other
 * means would go to the real upstream and fail: every answer below came through the port.
 */
function recordingPort(answers: Record<string, UpstreamAnswer | Error>): { calls: Call[]; upstreamFetch: UpstreamFetch } {
  const calls: Call[] = [];
  const upstreamFetch: UpstreamFetch = async (operation, url, init = {}) => {
    const answer = answers[operation];
    if (answer === undefined) throw new Error(`no answer for ${operation}`);
    const call: Call = { operation, url, method: init.method, body: typeof init.body === 'string' ? init.body : init.body?.toString() };
    calls.push(call);
    if (answer instanceof Error) throw answer;
    if (answer.status >= 300) call.counted = init.failureKind?.(answer);
    return answer;
  };
  return { calls, upstreamFetch };
}

const legacyClient = { api: 'fitbit-legacy', clientID: '23ABCD', clientSecret: 'secret', timeoutMs: 5_000 };

describe('the Fitbit plugin and the host’s HTTP port', () => {
  it('refreshes and revokes through the port, at the upstream’s real URLs', async () => {
    const { calls, upstreamFetch } = recordingPort({ refresh: REFRESHED, revoke: { status: 200, headers: {}, body: '' } });
    const client = fitbitPlugin.createTokenClient({ ...legacyClient, upstreamFetch });
    await expect(client.refresh('old-refresh')).resolves.toMatchObject({ accessToken: 'new-access', refreshToken: 'new-refresh' });
    await client.revoke({ accessToken: 'a', refreshToken: 'r' });
    expect(calls).toEqual([
      { operation: 'refresh', url: 'https://api.fitbit.com/oauth2/token', method: 'POST', body: 'grant_type=refresh_token&refresh_token=old-refresh' },
      { operation: 'revoke', url: 'https://api.fitbit.com/oauth2/revoke', method: 'POST', body: 'token=r' },
    ]);
  });

  it('hands the port real URLs under an upstreamBaseUrl too: the port rewrites them, not the plugin', async () => {
    const { calls, upstreamFetch } = recordingPort({ refresh: REFRESHED });
    await fitbitPlugin.createTokenClient({ ...legacyClient, upstreamBaseUrl: 'http://127.0.0.1:9', upstreamFetch }).refresh('old-refresh');
    expect(calls.map((call) => call.url)).toEqual(['https://api.fitbit.com/oauth2/token']);
  });

  it('reads the profile through the port', async () => {
    const { calls, upstreamFetch } = recordingPort({ profile: json(200, { user: { encodedId: 'GGNJL9', displayName: 'Alice R.' } }) });
    const client = createTokenClient({ api: 'fitbit-legacy', clientID: '23ABCD', upstreamFetch });
    await expect(client.fetchProfile('access')).resolves.toMatchObject({ id: 'GGNJL9' });
    expect(calls).toEqual([{ operation: 'profile', url: 'https://api.fitbit.com/1/user/-/profile.json', method: 'GET', body: undefined }]);
  });

  it('exchanges the code of a login through the port', async () => {
    const { calls, upstreamFetch } = recordingPort({ token: json(200, { access_token: 'access', refresh_token: 'refresh', expires_in: 28800, token_type: 'Bearer', user_id: 'GGNJL9' }) });
    const strategy = fitbitPlugin.createStrategy({ ...legacyClient, callbackURL: 'https://fitgate.example/login/callback', scope: ['activity'], upstreamFetch }, () => undefined);
    const { _oauth2: oauth2 } = strategy as unknown as { _oauth2: { getOAuthAccessToken(code: string, params: Record<string, string>, callback: (error: unknown, accessToken?: string) => void): void } };
    const accessToken = await new Promise((resolve, reject) =>
      oauth2.getOAuthAccessToken('the-code', { code_verifier: 'v'.repeat(43), redirect_uri: 'https://fitgate.example/login/callback' }, (error, token) => (error ? reject(error) : resolve(token))),
    );
    expect(accessToken).toBe('access');
    expect(calls).toEqual([expect.objectContaining({ operation: 'token', url: 'https://api.fitbit.com/oauth2/token', method: 'POST' })]);
  });

  it('tells the port how to count a refusal, and throws its typed error for it', async () => {
    const { calls, upstreamFetch } = recordingPort({ refresh: json(400, { errors: [{ errorType: 'invalid_grant', message: 'Refresh token invalid' }], success: false }) });
    await expect(fitbitPlugin.createTokenClient({ ...legacyClient, upstreamFetch }).refresh('old-refresh')).rejects.toMatchObject({
      name: 'UpstreamOAuthError',
      kind: 'invalid_grant',
      status: 400,
      operation: 'refresh',
    });
    expect(calls[0]?.counted).toBe('invalid_grant');
  });

  it('reads the port’s rejections as its typed errors: a TimeoutError as a timeout with the port’s bound, a socket error as unavailable', async () => {
    const timeout = Object.assign(new Error('Upstream refresh call got no answer within 1234 ms'), { name: 'TimeoutError', timeoutMs: 1_234 });
    const timedOut = recordingPort({ refresh: timeout });
    await expect(fitbitPlugin.createTokenClient({ ...legacyClient, upstreamFetch: timedOut.upstreamFetch }).refresh('r')).rejects.toMatchObject({
      name: 'UpstreamTimeoutError',
      kind: 'timeout',
      timeoutMs: 1_234,
      cause: timeout,
    });
    const refused = recordingPort({ refresh: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' }) });
    await expect(fitbitPlugin.createTokenClient({ ...legacyClient, upstreamFetch: refused.upstreamFetch }).refresh('r')).rejects.toMatchObject({
      name: 'UpstreamNetworkError',
      kind: 'unavailable',
      message: 'Upstream refresh call could not reach the upstream: ECONNREFUSED',
    });
  });

  it('refuses a port that is not a function', () => {
    expect(() => fitbitPlugin.createTokenClient({ ...legacyClient, upstreamFetch: 'not a function' as never })).toThrow('upstreamFetch must be a function');
  });
});
