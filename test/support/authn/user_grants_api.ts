import request from 'supertest';
import type { Browser } from './browser.js';
import { CLIENT_CALLBACK, type FrontChannel } from './front_channel_fixture.js';
import { answerConsent, consentFormOf, type ThirdPartyApp } from './third_party_app.js';

/** A grant as GET /api/v2/grants answers it. */
export interface GrantJson {
  id: string;
  clientID: string;
  user_id: string;
  audience: string;
  scope: string[];
}

/** GET or DELETE under /api/v2 on the fixture's tenant with `token`. */
export function grantsCall(fitgate: FrontChannel, method: 'get' | 'delete', path: string, token: string): request.Test {
  return request(fitgate.url)[method](`/api/v2${path}`).set('Host', new URL(fitgate.tenantUrl).host).set('Authorization', `Bearer ${token}`);
}

/** The user's grants to `clientId`, as the Management API lists them. */
export async function grantsOf(fitgate: FrontChannel, token: string, userId: string, clientId: string): Promise<GrantJson[]> {
  const answer = await grantsCall(fitgate, 'get', `/grants?user_id=${encodeURIComponent(userId)}&client_id=${encodeURIComponent(clientId)}`, token).expect(200);
  return answer.body as GrantJson[];
}

/**
 * A login of `app` in `browser` that must stop at the consent page, answered with Accept: the code
 * the application gets (throws when the login did not ask).
 */
export async function loginAccepting(fitgate: FrontChannel, app: ThirdPartyApp, browser: Browser = fitgate.browser()): Promise<string> {
  const { page } = await browser.follow(app.authorizeUrl({ connection: 'fitbit' }), CLIENT_CALLBACK);
  if (!page) throw new Error('the login did not stop at the consent page');
  const answer = await answerConsent(fitgate, browser, consentFormOf(page), 'accept');
  const code = answer.location?.searchParams.get('code');
  if (!code) throw new Error(`Accept gave no code (${answer.location?.href ?? `HTTP ${answer.status}`})`);
  return code;
}

/** Whether a login of `app` in a fresh browser stops at the consent page (rather than answering the application). */
export async function loginAsksConsent(fitgate: FrontChannel, app: ThirdPartyApp): Promise<boolean> {
  const { hops, arrivedAt } = await fitgate.browser().follow(app.authorizeUrl({ connection: 'fitbit' }), CLIENT_CALLBACK);
  return arrivedAt === undefined && hops.at(-1)?.pathname === '/login/consent';
}
