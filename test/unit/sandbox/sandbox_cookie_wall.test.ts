import { describe, expect, it } from '@jest/globals';
import type { IncomingMessage, ServerResponse } from 'node:http';
import request from 'supertest';
import { PENDING_LOGIN_COOKIE_PREFIX, pendingLoginCookieName } from '../../../src/authn/login/pending_login_cookie.js';
import { DEVICE_COOKIE } from '../../../src/dashboard/account/device_cookie.js';
import { DASHBOARD_SESSION_COOKIE, SESSION_COOKIE } from '../../../src/http/session.js';
import { FITGATE_COOKIE_PREFIX } from '../../../src/sandbox/cookie_wall.js';
import { buildSandbox, sandboxHostApp } from '../../../src/sandbox/sandbox.js';
import { fakePlugin } from '../../support/fake_plugin.js';

/**
 * The emulators answer on fitgate's origin: the host keeps fitgate's cookies from them, and keeps
 * their cookies to their own paths, never over fitgate's.
 */

/** An emulator on node:http that reports the cookies it was sent and sets the ones a test asks for. */
function walledApp(setCookies: (req: IncomingMessage) => string[], viaWriteHead = false) {
  const plugin = {
    ...fakePlugin(),
    sandbox: {
      apps: [{ api: 'acme-v2', clientId: 'acme-sandbox-client' }],
      hosts: ['auth.acme.example', 'api.acme.example'],
      start: () => ({
        handler(req: IncomingMessage, res: ServerResponse) {
          const raw = req.rawHeaders.filter((_, at, all) => at % 2 === 1 && all[at - 1]!.toLowerCase() === 'cookie');
          const body = JSON.stringify({ cookie: req.headers.cookie ?? null, raw, distinct: req.headersDistinct.cookie ?? null });
          if (viaWriteHead) res.writeHead(200, { 'Content-Type': 'application/json', 'Set-Cookie': setCookies(req) });
          else res.setHeader('Set-Cookie', setCookies(req)).setHeader('Content-Type', 'application/json');
          res.end(body);
        },
        allowRedirectUri: () => undefined,
      }),
    },
  };
  return sandboxHostApp(buildSandbox(() => 'http://127.0.0.1:1/_sandbox', new Map([['acme', plugin]])));
}

describe('the cookies an emulator reads', () => {
  it('are its own: fitgate’s session, login and dashboard cookies are taken off the request', async () => {
    const answer = await request(walledApp(() => []))
      .get('/_sandbox/auth.acme.example/authorize')
      .set('Cookie', `${SESSION_COOKIE}=admin-session; pref=dark; ${pendingLoginCookieName('s'.repeat(43))}=s1; fitgate.login=s2; Fitgate.SID=x; ${DASHBOARD_SESSION_COOKIE}=d; emu=1`)
      .expect(200);
    expect(answer.body).toEqual({ cookie: 'pref=dark; emu=1', raw: ['pref=dark; emu=1'], distinct: ['pref=dark; emu=1'] });
  });

  it('are none when the browser sent only fitgate’s', async () => {
    const answer = await request(walledApp(() => [])).get('/_sandbox/auth.acme.example/authorize').set('Cookie', `${SESSION_COOKIE}=admin-session`).expect(200);
    expect(answer.body).toEqual({ cookie: null, raw: [], distinct: null });
  });

  it('are told by a prefix every cookie fitgate sets shares', () => {
    for (const name of [SESSION_COOKIE, PENDING_LOGIN_COOKIE_PREFIX, DASHBOARD_SESSION_COOKIE, DEVICE_COOKIE]) expect(name.startsWith(FITGATE_COOKIE_PREFIX)).toBe(true);
  });
});

describe('the cookies an emulator sets', () => {
  const asked = [
    `${SESSION_COOKIE}=attacker; Path=/`,
    `=${SESSION_COOKIE}=attacker`,
    'nameless',
    'pref=1; Path=/; Domain=acme.fitgate.example; HttpOnly',
    'consent=2; path=/_sandbox/api.acme.example/oauth; SameSite=Lax',
    'other=3; Path=/_sandbox/accounts.google.com',
    'bare=4',
  ];
  const allowed = [
    'pref=1; HttpOnly; Path=/_sandbox/auth.acme.example',
    'consent=2; SameSite=Lax; Path=/_sandbox/api.acme.example/oauth',
    'other=3; Path=/_sandbox/auth.acme.example',
    'bare=4; Path=/_sandbox/auth.acme.example',
  ];

  it('reach the browser only under the emulator’s own paths, and never under fitgate’s names', async () => {
    const answer = await request(walledApp(() => asked)).get('/_sandbox/auth.acme.example/authorize').expect(200);
    expect(answer.headers['set-cookie']).toEqual(allowed);
  });

  it('are held alike when handed to writeHead itself', async () => {
    const answer = await request(walledApp(() => asked, true)).get('/_sandbox/auth.acme.example/authorize').expect(200);
    expect(answer.headers['set-cookie']).toEqual(allowed);
  });

  it('leave no Set-Cookie header when none is allowed', async () => {
    const answer = await request(walledApp(() => [`${SESSION_COOKIE}=attacker; Path=/`])).get('/_sandbox/auth.acme.example/authorize').expect(200);
    expect(answer.headers['set-cookie']).toBeUndefined();
  });
});
