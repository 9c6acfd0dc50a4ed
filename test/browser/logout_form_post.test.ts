import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { createClient } from '../../src/domain/clients.js';
import { SESSION_COOKIE } from '../../src/http/session.js';
import { readStoredSession, sessionIdOfCookie } from '../support/authn/stored_session.js';
import { BROWSER_TIMEOUT_MS, collectPageErrors, describeWithBrowser, launchBrowser, type TestBrowser } from '../support/browser.js';
import { startBrowserFitgate, type BrowserFitgate } from './browser_fitgate.js';

/**
 * RP-Initiated Logout by form post from the relying party's page, on another site than fitgate
 * (localhost and 127.0.0.1 are different sites to cookies). Chromium sends no SameSite=Lax cookie
 * with that cross-site POST; the 303 fitgate answers turns it into a top-level GET, which carries
 * the cookie, so the session really ends and the browser lands back on the relying party.
 */
const STATE = 'logout-state-1b2c';

describeWithBrowser('logout by a cross-site form post', () => {
  let fitgate: BrowserFitgate;
  let rp: RelyingParty;
  let browser: TestBrowser;
  let page: Page;
  let errors: string[];
  let clientId: string;

  beforeAll(async () => {
    fitgate = await startBrowserFitgate({});
    rp = await startRelyingParty(fitgate.url);
    const { client } = await createClient(fitgate.store.clients, {
      tenant: 'default',
      name: 'Cross-site RP',
      appType: 'regular_web',
      callbacks: [`${rp.url}/callback`],
      allowedLogoutUrls: [`${rp.url}/signed-out`],
    });
    clientId = client.clientId;
    const fitbit = await fitgate.store.connections.getByName('default', 'fitbit');
    if (!fitbit) throw new Error('bootstrap creates the fitbit connection');
    await fitgate.store.connections.update({ ...fitbit, enabledClients: [clientId] });
    browser = await launchBrowser();
    page = await browser.context.newPage();
    errors = collectPageErrors(page);
  }, BROWSER_TIMEOUT_MS);

  afterAll(async () => {
    await browser?.close();
    await rp?.close();
    await fitgate?.close();
  });

  function authorizeUrl(extra: Record<string, string> = {}): string {
    const url = new URL('/authorize', fitgate.url);
    const params = { response_type: 'code', client_id: clientId, redirect_uri: `${rp.url}/callback`, scope: 'openid', state: 'login', ...extra };
    for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
    return url.href;
  }

  /** Where a silent /authorize (prompt=none) sends the browser back: a code, or login_required. */
  async function silentAuthorize(): Promise<URL> {
    await page.goto(authorizeUrl({ prompt: 'none' }));
    await page.waitForURL(`${rp.url}/callback?**`);
    return new URL(page.url());
  }

  async function storedSessionOfBrowser() {
    const cookie = (await browser.context.cookies(fitgate.url)).find((candidate) => candidate.name === SESSION_COOKIE);
    if (!cookie) throw new Error('the browser holds no fitgate session cookie');
    expect(cookie.sameSite).toBe('Lax');
    return { sessionId: sessionIdOfCookie(cookie.value) };
  }

  it(
    'ends the fitgate session and lands on the post_logout_redirect_uri with state',
    async () => {
      await page.goto(authorizeUrl({ connection: 'fitbit' }));
      await page.getByLabel('Sign in as test user').selectOption('alice');
      await page.getByRole('button', { name: 'Allow' }).click();
      await page.waitForURL(`${rp.url}/callback?**`);
      const { sessionId } = await storedSessionOfBrowser();
      expect((await readStoredSession(fitgate.store, sessionId))?.endUser).toBeDefined();
      expect((await silentAuthorize()).searchParams.get('code')).toBeTruthy();

      const posted = page.waitForResponse((response) => response.request().method() === 'POST' && response.url() === `${fitgate.url}/oidc/logout`);
      await page.goto(`${rp.url}/logout?client_id=${encodeURIComponent(clientId)}`);
      expect((await posted).status()).toBe(303);
      await page.waitForURL(`${rp.url}/signed-out?**`);
      expect(page.url()).toBe(`${rp.url}/signed-out?state=${STATE}`);

      expect(await readStoredSession(fitgate.store, sessionId)).toBeUndefined();
      expect((await silentAuthorize()).searchParams.get('error')).toBe('login_required');
      expect(errors).toEqual([]);
    },
    BROWSER_TIMEOUT_MS,
  );
});

interface RelyingParty {
  /** "http://127.0.0.1:PORT": another site than fitgate's http://localhost:PORT. */
  readonly url: string;
  close(): Promise<void>;
}

/**
 * The relying party: /logout is a page whose form posts itself to fitgate's /oidc/logout at once,
 * as RP-Initiated Logout §2 allows; /callback and /signed-out are where fitgate sends the browser.
 */
async function startRelyingParty(fitgateUrl: string): Promise<RelyingParty> {
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://rp.invalid');
    const address = `http://${req.headers.host ?? ''}`;
    if (url.pathname === '/logout') {
      const fields = { client_id: url.searchParams.get('client_id') ?? '', post_logout_redirect_uri: `${address}/signed-out`, state: STATE };
      const inputs = Object.entries(fields).map(([name, value]) => `<input type="hidden" name="${name}" value="${escapeHtml(value)}">`);
      sendPage(res, `<form method="post" action="${fitgateUrl}/oidc/logout">${inputs.join('')}</form><script>document.forms[0].submit()</script>`);
    } else if (url.pathname === '/callback' || url.pathname === '/signed-out') {
      sendPage(res, `<p>${escapeHtml(url.pathname)}</p>`);
    } else {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve, reject) => server.listen(0, '127.0.0.1').once('listening', resolve).once('error', reject));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function sendPage(res: ServerResponse, body: string): void {
  res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(`<!doctype html><title>RP</title><link rel="icon" href="data:,">${body}`);
}

function escapeHtml(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}
