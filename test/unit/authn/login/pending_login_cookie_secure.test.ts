import { describe, expect, it } from '@jest/globals';
import express from 'express';
import request from 'supertest';
import { PENDING_LOGIN_COOKIE_PREFIX, rememberPendingLogin } from '../../../../src/authn/login/pending_login_cookie.js';
import type { TenantContext } from '../../../../src/http/request_context.js';

/** An app that starts one login, for a tenant reached at `tenantUrl`, seen by Express over plain http. */
function startingLoginAt(tenantUrl: string) {
  const app = express();
  app.get('/authorize', (req, res) => {
    req.context = { tenantUrl } as TenantContext;
    rememberPendingLogin(req, res, 'a'.repeat(43));
    res.end();
  });
  return app;
}

const pendingCookieOf = (setCookie: string[] | string | undefined) =>
  ([] as string[]).concat(setCookie ?? []).find((line) => line.startsWith(PENDING_LOGIN_COOKIE_PREFIX));

describe('the pending-login cookie', () => {
  it('is Secure for a tenant users reach over https, even when the proxy in front is not trusted', async () => {
    const answer = await request(startingLoginAt('https://acme.fitgate.example')).get('/authorize');
    expect(pendingCookieOf(answer.headers['set-cookie'])).toMatch(/; Secure/i);
  });

  it('is not Secure for a tenant served over plain http (development)', async () => {
    const answer = await request(startingLoginAt('http://acme.localhost:3000')).get('/authorize');
    expect(pendingCookieOf(answer.headers['set-cookie'])).toBeDefined();
    expect(pendingCookieOf(answer.headers['set-cookie'])).not.toMatch(/Secure/i);
  });
});
