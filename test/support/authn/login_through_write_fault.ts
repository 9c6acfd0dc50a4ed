import { setTimeout as delay } from 'node:timers/promises';
import { expect } from '@jest/globals';
import request from 'supertest';
import { CLIENT_CALLBACK, type FrontChannel } from './front_channel_fixture.js';
import { readFormPost } from './form_post_page.js';

/**
 * A login whose callback meets a store that refuses writes but answers reads, and its retry: the
 * callback must send the client temporarily_unavailable with its state, in the response mode the
 * login asked for, and the same callback URL must finish the login once the store accepts writes.
 */

/** How long a refused write takes to reach the limiter (a batch waits up to 1 s for a lock), and a freed store to be counted in again. */
const SEEN_WITHIN_MS = 10_000;
const PROBE_INTERVAL_MS = 50;

/** A fault that leaves reads alone: begun, then ended. */
export interface WriteFault {
  begin(): Promise<void>;
  end(): Promise<void>;
}

/**
 * Probes /authorize with nothing in it (its limit counts it; it writes nothing else) until its
 * status satisfies `seen`, for at most SEEN_WITHIN_MS; returns the last status for the test to check.
 * The limiter's failure shows as a 503 there, its recovery as the 400 of the empty request.
 */
async function limiterOnce(fitgate: FrontChannel, seen: (status: number) => boolean): Promise<number> {
  const probe = async () => (await request(fitgate.url).get('/authorize').set('Host', new URL(fitgate.tenantUrl).host).set('Accept', 'text/html')).status;
  const deadline = Date.now() + SEEN_WITHIN_MS;
  let status = await probe();
  while (!seen(status) && Date.now() < deadline) {
    await delay(PROBE_INTERVAL_MS);
    status = await probe();
  }
  return status;
}

/** The client's answer, as a query redirect or a form_post page. */
function answerOf(response: { status: number; location?: URL; text: string }, mode: 'query' | 'form_post'): { at: string; fields: Record<string, string> } {
  if (mode === 'form_post') {
    expect(response.status).toBe(200);
    const form = readFormPost(response.text);
    return { at: form.action, fields: form.fields };
  }
  expect(response.status).toBe(302);
  const location = response.location!;
  return { at: `${location.origin}${location.pathname}`, fields: Object.fromEntries(location.searchParams) };
}

/**
 * Runs the login through `fault`. `limits`: the rate limits are on, and the callback is to meet the
 * fault at its limit's count (probed until it fails, before the callback is sent); otherwise at its
 * own first write, the take of the login.
 */
export async function loginThroughWriteFault(fitgate: FrontChannel, fault: WriteFault, mode: 'query' | 'form_post', limits: boolean): Promise<void> {
  const browser = fitgate.browser();
  const state = `during-fault-${mode}`;
  const { arrivedAt: callback } = await browser.follow(fitgate.authorizeUrl({ connection: 'fitbit', state, response_mode: mode }), `${fitgate.tenantUrl}/login/callback`);
  expect(callback).toBeDefined();

  await fault.begin();
  let during;
  try {
    if (limits) expect(await limiterOnce(fitgate, (status) => status === 503)).toBe(503);
    during = await browser.get(callback!);
  } finally {
    await fault.end();
  }
  const refused = answerOf(during, mode);
  expect(refused.at).toBe(CLIENT_CALLBACK);
  expect(refused.fields).toMatchObject({ error: 'temporarily_unavailable', state });
  expect(refused.fields.code).toBeUndefined();

  if (limits) expect(await limiterOnce(fitgate, (status) => status !== 503)).toBe(400);
  const finished = answerOf(await browser.get(callback!), mode);
  expect(finished.at).toBe(CLIENT_CALLBACK);
  expect(finished.fields).toMatchObject({ code: expect.any(String), state });
  expect(finished.fields.error).toBeUndefined();
}
