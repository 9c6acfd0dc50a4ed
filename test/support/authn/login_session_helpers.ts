import { decodeJwt } from 'jose';
import request from 'supertest';
import type { Client } from '../../../src/domain/types.js';
import type { Browser } from './browser.js';
import { CLIENT_CALLBACK, type FrontChannel } from './front_channel_fixture.js';
import type { LogoutReceiver } from './logout_receiver.js';

/** What a login at the web client gave the application: its id_token's `sid` and `sub`. */
export interface SignedIn {
  sid: string;
  sub: string;
}

/**
 * Logs `browser` in at the web client (through the upstream, or from the session when it may
 * answer), redeems the code and reads the id_token's sid and sub.
 */
export async function loginAtWebClient(fitgate: FrontChannel, browser: Browser, params: Record<string, string> = {}): Promise<SignedIn> {
  const { arrivedAt } = await browser.follow(fitgate.authorizeUrl({ connection: 'fitbit', ...params }), CLIENT_CALLBACK);
  const code = arrivedAt?.searchParams.get('code');
  if (!code) throw new Error(`the login gave no code (${arrivedAt?.href ?? 'no redirect to the client'})`);
  const answer = await request(fitgate.url)
    .post('/oauth/token')
    .set('Host', new URL(fitgate.tenantUrl).host)
    .auth(fitgate.webClient.clientId, fitgate.webClientSecret)
    .type('form')
    .send({ grant_type: 'authorization_code', code, redirect_uri: CLIENT_CALLBACK })
    .expect(200);
  const { sid, sub } = decodeJwt(answer.body.id_token as string);
  if (typeof sid !== 'string' || typeof sub !== 'string') throw new Error('the id_token carries no sid or sub');
  return { sid, sub };
}

/** Registers (or, with no path, removes) the client's back-channel logout URL at `receiver`. */
export async function setBackchannelUrl(fitgate: FrontChannel, client: Client, receiver: LogoutReceiver, path: string | undefined): Promise<void> {
  const stored = await fitgate.store.clients.get(fitgate.tenant, client.clientId);
  if (!stored) throw new Error('the fixture client is gone');
  const { oidcLogout: _previous, ...rest } = stored;
  await fitgate.store.clients.update(path === undefined ? rest : { ...rest, oidcLogout: { backchannelLogoutUrls: [`${receiver.url}${path}`] } });
}
