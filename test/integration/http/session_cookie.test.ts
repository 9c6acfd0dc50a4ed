import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import express, { type Express } from 'express';
import request from 'supertest';
import type { Config } from '../../../src/config/index.js';
import {
  createDashboardSessionMiddleware,
  createSessionMiddleware,
  DASHBOARD_SESSION_COOKIE,
  SESSION_COOKIE,
  SESSION_IDLE_MS,
} from '../../../src/http/session.js';
import type { Store } from '../../../src/store/store.js';
import { openSqliteTestStore, type TestStore } from '../../support/stores.js';

const OLD_SECRET = randomBytes(32).toString('hex');
const NEW_SECRET = randomBytes(32).toString('hex');

/**
 * A page that writes to the session and one that reads it, on the embedded session store; under
 * `prefix` for a middleware whose cookie has a narrower Path (the dashboard's, /manage).
 */
function sessionApp(store: Store, config: Partial<Config>, middleware = createSessionMiddleware, prefix = ''): Express {
  const deps = {
    config: { publicUrl: 'http://localhost:3000', sessionSecrets: [OLD_SECRET], ...config } as Config,
    store,
  };
  const app = express();
  app.set('trust proxy', config.trustProxy ?? false);
  app.use(middleware(deps));
  app.get(`${prefix}/remember`, (req, res) => {
    (req.session as unknown as Record<string, unknown>).who = 'ada';
    res.send('ok');
  });
  app.get(`${prefix}/recall`, (req, res) => {
    res.json({ who: (req.session as unknown as Record<string, unknown>).who ?? null });
  });
  return app;
}

function sessionCookie(setCookie: string[] | string | undefined, name = SESSION_COOKIE): string {
  const cookies = Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : [];
  const cookie = cookies.find((c) => c.startsWith(`${name}=`));
  if (!cookie) throw new Error(`no ${name} cookie in ${JSON.stringify(setCookie)}`);
  return cookie;
}

function attributesOf(cookie: string): string[] {
  return cookie.split(';').slice(1).map((part) => part.trim().toLowerCase());
}

describe('session cookie', () => {
  let testStore: TestStore;
  beforeAll(async () => {
    testStore = await openSqliteTestStore();
  });
  afterAll(() => testStore.cleanup());

  it('is not issued until something is stored in the session', async () => {
    const response = await request(sessionApp(testStore.store, {})).get('/recall');
    expect(response.headers['set-cookie']).toBeUndefined();
  });

  it('is fitgate.sid, HttpOnly, SameSite=Lax, host-only, with an idle expiry, and not Secure on http', async () => {
    const cookie = sessionCookie((await request(sessionApp(testStore.store, {})).get('/remember')).headers['set-cookie']);
    const attributes = cookie.split(';').map((part) => part.trim().toLowerCase());
    expect(attributes).toEqual(expect.arrayContaining(['httponly', 'samesite=lax', 'path=/']));
    expect(attributes.some((a) => a.startsWith('domain='))).toBe(false);
    expect(attributes).not.toContain('secure');
    const expires = Date.parse(cookie.match(/Expires=([^;]+)/)?.[1] ?? '');
    expect(expires - Date.now()).toBeGreaterThan(SESSION_IDLE_MS - 60_000);
    expect(expires - Date.now()).toBeLessThanOrEqual(SESSION_IDLE_MS);
  });

  it('is Secure when the public URL is https, issued behind a trusted TLS-terminating proxy', async () => {
    const app = sessionApp(testStore.store, { publicUrl: 'https://id.example.com', trustProxy: 'loopback' });
    const response = await request(app).get('/remember').set('X-Forwarded-Proto', 'https');
    expect(sessionCookie(response.headers['set-cookie']).split(';').map((a) => a.trim())).toContain('Secure');
  });

  it('is SameSite=None under an https public URL, so a cross-site silent-login iframe carries it', async () => {
    const app = sessionApp(testStore.store, { publicUrl: 'https://id.example.com', trustProxy: 'loopback' });
    const attributes = attributesOf(sessionCookie((await request(app).get('/remember').set('X-Forwarded-Proto', 'https')).headers['set-cookie']));
    expect(attributes).toEqual(expect.arrayContaining(['samesite=none', 'secure', 'httponly', 'path=/']));
    expect(attributes).not.toContain('samesite=lax');
    expect(attributes.some((a) => a.startsWith('domain='))).toBe(false);
  });

  it('stays SameSite=Lax under an http public URL, where browsers drop a None cookie that is not Secure', async () => {
    const attributes = attributesOf(sessionCookie((await request(sessionApp(testStore.store, {})).get('/remember')).headers['set-cookie']));
    expect(attributes).toContain('samesite=lax');
    expect(attributes).not.toContain('samesite=none');
    expect(attributes).not.toContain('secure');
  });

  it("leaves the dashboard's cookie SameSite=Lax under an https public URL", async () => {
    const app = sessionApp(testStore.store, { publicUrl: 'https://id.example.com', trustProxy: 'loopback' }, createDashboardSessionMiddleware, '/manage');
    const response = await request(app).get('/manage/remember').set('X-Forwarded-Proto', 'https');
    const attributes = attributesOf(sessionCookie(response.headers['set-cookie'], DASHBOARD_SESSION_COOKIE));
    expect(attributes).toEqual(expect.arrayContaining(['samesite=lax', 'secure', 'httponly', 'path=/manage']));
    expect(attributes).not.toContain('samesite=none');
  });

  it('is not issued over plain http when the public URL is https (an untrusted proxy header changes nothing)', async () => {
    const app = sessionApp(testStore.store, { publicUrl: 'https://id.example.com' });
    const response = await request(app).get('/remember').set('X-Forwarded-Proto', 'https');
    expect(response.headers['set-cookie']).toBeUndefined();
  });

  it('is renewed on every request that uses the session (rolling expiry)', async () => {
    const app = sessionApp(testStore.store, {});
    const cookie = sessionCookie((await request(app).get('/remember')).headers['set-cookie']).split(';')[0] ?? '';
    const again = await request(app).get('/recall').set('Cookie', cookie);
    expect(again.body).toEqual({ who: 'ada' });
    expect(sessionCookie(again.headers['set-cookie']).split(';')[0]).toBe(cookie);
  });

  it('signed with an old secret still works after a new secret is put first, and not once the old one is removed', async () => {
    const before = sessionApp(testStore.store, { sessionSecrets: [OLD_SECRET] });
    const cookie = sessionCookie((await request(before).get('/remember')).headers['set-cookie']).split(';')[0] ?? '';

    const rotated = sessionApp(testStore.store, { sessionSecrets: [NEW_SECRET, OLD_SECRET] });
    const during = await request(rotated).get('/recall').set('Cookie', cookie);
    expect(during.body).toEqual({ who: 'ada' });

    const retired = sessionApp(testStore.store, { sessionSecrets: [NEW_SECRET] });
    const after = await request(retired).get('/recall').set('Cookie', cookie);
    expect(after.body).toEqual({ who: null });
  });

  it('is re-signed with the newest secret when renewed during a rotation', async () => {
    const before = sessionApp(testStore.store, { sessionSecrets: [OLD_SECRET] });
    const cookie = sessionCookie((await request(before).get('/remember')).headers['set-cookie']).split(';')[0] ?? '';
    const rotated = sessionApp(testStore.store, { sessionSecrets: [NEW_SECRET, OLD_SECRET] });
    const renewed = sessionCookie((await request(rotated).get('/recall').set('Cookie', cookie)).headers['set-cookie']).split(';')[0] ?? '';

    const retired = sessionApp(testStore.store, { sessionSecrets: [NEW_SECRET] });
    expect((await request(retired).get('/recall').set('Cookie', renewed)).body).toEqual({ who: 'ada' });
  });
});
