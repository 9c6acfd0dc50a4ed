import { describe, expect, it } from '@jest/globals';
import type { UpstreamAnswer, UpstreamFetch } from '../../../../src/connections/plugin.js';
import { callUpstream, callUpstreamJson, type RefusalReader } from '../../../../src/connections/oauth2/call_upstream.js';
import { UpstreamOAuthError } from '../../../../src/connections/oauth2/errors/oauth_error.js';

// What the port answers or rejects with is plain data and plain errors (UpstreamFetch in plugin.ts),
// so a port of a few lines stands in for it here.
const answering =
  (answer: UpstreamAnswer): UpstreamFetch =>
  async () =>
    answer;
const rejecting =
  (error: unknown): UpstreamFetch =>
  async () => {
    throw error;
  };

const refusal: RefusalReader = ({ operation, status }) => new UpstreamOAuthError({ operation, status, upstreamCode: 'invalid_grant' });

function call(upstreamFetch: UpstreamFetch) {
  return callUpstream({ operation: 'refresh', url: 'https://auth.example/token', upstreamFetch, timeoutMs: 5_000, refusal, form: { grant_type: 'refresh_token' } });
}

describe('callUpstream', () => {
  it('answers a 2xx as the port gave it, and a JSON object with the body as received', async () => {
    const answer = { status: 200, headers: {}, body: '{"access_token":"a"}' };
    await expect(call(answering(answer))).resolves.toEqual(answer);
    const json = await callUpstreamJson({ operation: 'token', url: 'https://auth.example/token', upstreamFetch: answering(answer), timeoutMs: 5_000, refusal });
    expect(json).toEqual({ json: { access_token: 'a' }, raw: '{"access_token":"a"}' });
  });

  it("throws the plugin's reading of an answer outside 2xx", async () => {
    await expect(call(answering({ status: 400, headers: {}, body: '{}' }))).rejects.toMatchObject({ name: 'UpstreamOAuthError', kind: 'invalid_grant', operation: 'refresh', status: 400 });
  });

  it("turns the port's timeout into a timeout error with the port's bound", async () => {
    const timeout = Object.assign(new Error('slow'), { name: 'TimeoutError', timeoutMs: 1_234 });
    await expect(call(rejecting(timeout))).rejects.toMatchObject({ name: 'UpstreamTimeoutError', kind: 'timeout', operation: 'refresh', timeoutMs: 1_234, cause: timeout });
  });

  it("turns the port's bad_response (a body past its bound) into a bad-response error with its status, not an outage", async () => {
    const tooLarge = Object.assign(new Error('too large'), { name: 'BodyTooLargeError', kind: 'bad_response', operation: 'refresh', status: 200, maxBodyBytes: 1024 });
    const error = await call(rejecting(tooLarge)).catch((failure: unknown) => failure);
    expect(error).toMatchObject({ name: 'UpstreamBadResponseError', kind: 'bad_response', operation: 'refresh', status: 200, cause: tooLarge, retryable: false });
    expect((error as Error).message).toBe('Upstream refresh call returned an unreadable answer (HTTP 200): the body is larger than 1024 bytes');
  });

  it('turns any other rejection of the port (no answer at all) into a retryable network error naming the socket error', async () => {
    const reset = Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
    await expect(call(rejecting(reset))).rejects.toMatchObject({
      name: 'UpstreamNetworkError',
      kind: 'unavailable',
      operation: 'refresh',
      status: undefined,
      message: 'Upstream refresh call could not reach the upstream: ECONNRESET',
      retryable: true,
    });
  });

  it('names a socket error code as long as a token whole, since it is Node’s, not the upstream’s words, and keeps the socket error as its cause', async () => {
    const untrusted = Object.assign(new Error('unable to verify the first certificate'), { code: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' });
    await expect(call(rejecting(untrusted))).rejects.toMatchObject({
      name: 'UpstreamNetworkError',
      kind: 'unavailable',
      message: 'Upstream refresh call could not reach the upstream: UNABLE_TO_VERIFY_LEAF_SIGNATURE',
      cause: untrusted,
    });
  });
});
