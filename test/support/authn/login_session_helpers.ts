import { afterAll, beforeAll, beforeEach } from '@jest/globals';
import { decodeJwt } from 'jose';
import request from 'supertest';
import type { Client } from '../../../src/domain/types.js';
import { BackgroundWork } from '../../../src/http/background_work.js';
import type { TestEmulator } from '../emulator.js';
import { WARN, type LogLine } from '../log_capture.js';
import type { StoreHarness } from '../stores.js';
import type { Browser } from './browser.js';
import { CLIENT_CALLBACK, startFrontChannel, type FrontChannel, type FrontChannelOptions } from './front_channel_fixture.js';
import { startLogoutReceiver, type LogoutReceiver } from './logout_receiver.js';

/** What a login at the web client gave the application: its id_token, and that token's `sid` and `sub`. */
export interface SignedIn {
  idToken: string;
  sid: string;
  sub: string;
}

/**
 * Logs `browser` in at the web client (through the upstream, or from the session when it may
 * answer), redeems the code and reads the id_token's sid and sub. All of it at `tenantUrl`: the
 * tenant's NAME.<base host> unless told (one of its own domains, which `browser` must serve).
 */
export async function loginAtWebClient(fitgate: FrontChannel, browser: Browser, params: Record<string, string> = {}, tenantUrl = fitgate.tenantUrl): Promise<SignedIn> {
  const authorize = new URL(fitgate.authorizeUrl({ connection: 'fitbit', ...params }));
  const { arrivedAt } = await browser.follow(new URL(`${authorize.pathname}${authorize.search}`, tenantUrl), CLIENT_CALLBACK);
  const code = arrivedAt?.searchParams.get('code');
  if (!code) throw new Error(`the login gave no code (${arrivedAt?.href ?? 'no redirect to the client'})`);
  const answer = await request(fitgate.url)
    .post('/oauth/token')
    .set('Host', new URL(tenantUrl).host)
    .auth(fitgate.webClient.clientId, fitgate.webClientSecret)
    .type('form')
    .send({ grant_type: 'authorization_code', code, redirect_uri: CLIENT_CALLBACK })
    .expect(200);
  const idToken = answer.body.id_token as string;
  const { sid, sub } = decodeJwt(idToken);
  if (typeof sid !== 'string' || typeof sub !== 'string') throw new Error('the id_token carries no sid or sub');
  return { idToken, sid, sub };
}

/** Makes `urls` the web client's allowed logout URLs: where a logout may send the browser back. */
export async function setAllowedLogoutUrls(fitgate: FrontChannel, urls: string[]): Promise<void> {
  const stored = await fitgate.store.clients.get(fitgate.tenant, fitgate.webClient.clientId);
  if (!stored) throw new Error('the fixture has no web client');
  await fitgate.store.clients.update({ ...stored, allowedLogoutUrls: urls });
}

/** Registers (or, with no path, removes) the client's back-channel logout URL at `receiver`. */
export async function setBackchannelUrl(fitgate: FrontChannel, client: Client, receiver: LogoutReceiver, path: string | undefined): Promise<void> {
  const stored = await fitgate.store.clients.get(fitgate.tenant, client.clientId);
  if (!stored) throw new Error('the fixture client is gone');
  const { oidcLogout: _previous, ...rest } = stored;
  await fitgate.store.clients.update(path === undefined ? rest : { ...rest, oidcLogout: { backchannelLogoutUrls: [`${receiver.url}${path}`] } });
}

/** fitgate whose web client registered a back-channel logout URL, and the receiver it posts to. */
export interface BackchannelLogout {
  readonly fitgate: FrontChannel;
  /** Where the web client's logout tokens arrive, at path `/web`; emptied before each test. */
  readonly receiver: LogoutReceiver;
  /** The logout tokens the requests left sending: settle it before reading `receiver.received`. */
  readonly background: BackgroundWork;
}

/** How fitgate of useBackchannelLogout() runs, over the fixture's own settings: where it logs, and its environment (e.g. NODE_ENV=production). */
export type BackchannelLogoutOptions = Pick<FrontChannelOptions, 'logger' | 'environment'>;

/**
 * For a describeEachStore suite: starts fitgate on the harness's store (logins going to `emulator`)
 * and a logout receiver in beforeAll, registers `${receiver.url}/web` as the web client's
 * back-channel logout URL, empties the receiver before each test and closes both in afterAll. The
 * handle reads what is running, so use it inside tests and hooks only.
 */
export function useBackchannelLogout(harness: StoreHarness, emulator: () => TestEmulator, options: BackchannelLogoutOptions = {}): BackchannelLogout {
  const background = new BackgroundWork();
  let fitgate: FrontChannel | undefined;
  let receiver: LogoutReceiver | undefined;
  const running = <T>(started: T | undefined): T => {
    if (!started) throw new Error('no back-channel logout fixture: read it inside a test or hook of the suite that called useBackchannelLogout()');
    return started;
  };

  beforeAll(async () => {
    fitgate = await startFrontChannel({ store: harness.store(), upstream: { kind: 'emulator', emulator: emulator() }, background, ...options });
    receiver = await startLogoutReceiver();
    await setBackchannelUrl(fitgate, fitgate.webClient, receiver, '/web');
  });
  beforeEach(() => {
    running(receiver).received.length = 0;
  });
  afterAll(async () => {
    await fitgate?.close();
    await receiver?.close();
    fitgate = undefined;
    receiver = undefined;
  });

  return {
    get fitgate() {
      return running(fitgate);
    },
    get receiver() {
      return running(receiver);
    },
    background,
  };
}

/** Signs a fresh browser in at the web client and out at /v2/logout, then waits until the logout tokens are sent. */
export async function signInAndOut({ fitgate, background }: BackchannelLogout): Promise<void> {
  const browser = fitgate.browser();
  await loginAtWebClient(fitgate, browser);
  await browser.get(`${fitgate.tenantUrl}/v2/logout`);
  await background.settled(10_000);
}

/** The warnings about back-channel logout among captured log lines (JSON text). */
export function backchannelLogoutWarnings(lines: readonly string[]): LogLine[] {
  return lines.map((line) => JSON.parse(line) as LogLine).filter((line) => line.level === WARN && line.msg.startsWith('back-channel logout'));
}
