import { describe, expect, it } from '@jest/globals';
import { callUpstream, callUpstreamJson, type AnswerReader, type RefusalReader } from '../../../../src/connections/oauth2/call_upstream.js';
import { UpstreamOAuthError } from '../../../../src/connections/oauth2/errors/oauth_error.js';
import { isJsonObject } from '../../../../src/connections/oauth2/json.js';
import { revokeToken } from '../../../../src/connections/oauth2/revocation.js';
import { requestToken } from '../../../../src/connections/oauth2/token_request.js';
import type { PluginErrorKind, UpstreamAnswer, UpstreamFetch, UpstreamFetchInit } from '../../../../src/connections/plugin.js';

// The shared client's answerOf: a plugin's reading of a 2xx body, for an upstream that wraps its
// answers and refuses inside an HTTP 200 ({status: 0, body} or {status, error}). A port of a few
// lines stands in for the host's, and counts as the host's does: failureKind outside 2xx,
// failureKindAt2xx within.

const enveloped = (body: unknown): UpstreamAnswer => ({ status: 200, headers: {}, body: JSON.stringify(body) });

function countingPort(answer: UpstreamAnswer) {
  const counted: Array<PluginErrorKind | undefined> = [];
  const inits: UpstreamFetchInit[] = [];
  const upstreamFetch: UpstreamFetch = async (_operation, _url, init = {}) => {
    inits.push(init);
    const ok = answer.status >= 200 && answer.status < 300;
    counted.push(ok ? init.failureKindAt2xx?.(answer) : init.failureKind?.(answer));
    return answer;
  };
  return { upstreamFetch, counted, inits };
}

const refusal: RefusalReader = ({ operation, status }) => new UpstreamOAuthError({ operation, status, upstreamCode: 'invalid_request' });

let readings = 0;
const openEnvelope: AnswerReader = (json, { operation, status }) => {
  readings += 1;
  if (json.status === 0 && isJsonObject(json.body)) return json.body;
  return new UpstreamOAuthError({ operation, status, upstreamCode: String(json.error) });
};

const request = (upstreamFetch: UpstreamFetch, answerOf: AnswerReader = openEnvelope) => ({
  operation: 'refresh',
  url: 'https://auth.example/token',
  upstreamFetch,
  timeoutMs: 5_000,
  refusal,
  answerOf,
  form: { grant_type: 'refresh_token' },
});

describe('answerOf, a plugin’s reading of a 2xx body', () => {
  it('hands on the object it read, with the body as received, reading it once though the port counted it first', async () => {
    const answer = enveloped({ status: 0, body: { access_token: 'a' } });
    const { upstreamFetch, counted } = countingPort(answer);
    readings = 0;
    await expect(callUpstreamJson(request(upstreamFetch))).resolves.toEqual({ json: { access_token: 'a' }, raw: answer.body });
    expect(counted).toEqual([undefined]);
    expect(readings).toBe(1);
  });

  it.each([
    ['returns', openEnvelope],
    [
      'throws',
      ((json, answered) => {
        const read = openEnvelope(json, answered);
        if (read instanceof Error) throw read;
        return read;
      }) satisfies AnswerReader,
    ],
  ])('throws the refusal it %s, which the port counts by its kind', async (_how, answerOf) => {
    const { upstreamFetch, counted } = countingPort(enveloped({ status: 503, error: 'invalid_grant' }));
    await expect(callUpstream(request(upstreamFetch, answerOf))).rejects.toMatchObject({ name: 'UpstreamOAuthError', kind: 'invalid_grant', operation: 'refresh', status: 200 });
    expect(counted).toEqual(['invalid_grant']);
  });

  it('reads a 2xx body that is no JSON object as bad_response, and counts it so', async () => {
    const { upstreamFetch, counted } = countingPort({ status: 200, headers: {}, body: '<html>' });
    await expect(callUpstream(request(upstreamFetch))).rejects.toMatchObject({ kind: 'bad_response', status: 200 });
    expect(counted).toEqual(['bad_response']);
  });

  it('leaves an answer outside 2xx to the RefusalReader', async () => {
    const { upstreamFetch, counted } = countingPort({ status: 400, headers: {}, body: '{"status":0,"body":{}}' });
    readings = 0;
    await expect(callUpstream(request(upstreamFetch))).rejects.toMatchObject({ kind: 'invalid_request', status: 400 });
    expect(counted).toEqual(['invalid_request']);
    expect(readings).toBe(0);
  });

  it('asks the port nothing of a 2xx without it', async () => {
    const answer = enveloped({ status: 503, error: 'invalid_grant' });
    const { upstreamFetch, inits } = countingPort(answer);
    const { answerOf: _none, ...plain } = request(upstreamFetch);
    await expect(callUpstream(plain)).resolves.toBe(answer);
    expect(inits[0]).not.toHaveProperty('failureKindAt2xx');
  });

  it('reads a token answer from the object read (what readAnswer receives as json), and a revocation through it', async () => {
    const tokenAnswer = { access_token: 'a', token_type: 'Bearer', expires_in: 60, userid: 7 };
    const token = countingPort(enveloped({ status: 0, body: tokenAnswer }));
    const client = { method: 'client_secret_post' as const, clientID: 'id', clientSecret: 'secret' };
    const endpoint = { url: 'https://auth.example/token', client, upstreamFetch: token.upstreamFetch, timeoutMs: 5_000, refusal, answerOf: openEnvelope };
    await expect(requestToken({ ...endpoint, grant: { grant_type: 'refresh_token', refresh_token: 'r' } })).resolves.toMatchObject({ accessToken: 'a', expiresIn: 60, json: tokenAnswer });

    const revoke = countingPort(enveloped({ status: 401, error: 'invalid_token' }));
    await expect(revokeToken({ url: 'https://auth.example/revoke', token: 't', upstreamFetch: revoke.upstreamFetch, timeoutMs: 5_000, refusal, answerOf: openEnvelope })).rejects.toMatchObject({ kind: 'invalid_token' });
    expect(revoke.counted).toEqual(['invalid_token']);
  });
});
