import { describe, expect, it } from '@jest/globals';
import express from 'express';
import request from 'supertest';
import { pendingLoginCookieName, rememberPendingLogin } from '../../../../src/authn/login/pending_login_cookie.js';
import type { TenantContext } from '../../../../src/http/request_context.js';

const NEW_STATE = 'n'.repeat(43);

/** An app that starts one login, in a browser that sends the cookies the test gives. */
function startingLogin() {
  const app = express();
  app.get('/authorize', (req, res) => {
    req.context = { tenantUrl: 'https://acme.fitgate.example' } as TenantContext;
    rememberPendingLogin(req, res, NEW_STATE, 100);
    res.end();
  });
  return app;
}

/** Logins in flight as the browser sends their cookies: each state started at its epoch millisecond. */
const cookieHeader = (logins: [string, number][]) => logins.map(([state, startedAt]) => `${pendingLoginCookieName(state)}=${state}.${startedAt.toString(36)}`).join('; ');
const state = (letter: string) => letter.repeat(43);

/** The names the answer clears, and whether it set the new login's cookie. */
async function answerTo(logins: [string, number][]) {
  const answer = await request(startingLogin()).get('/authorize').set('Cookie', cookieHeader(logins));
  const lines = ([] as string[]).concat(answer.headers['set-cookie'] ?? []);
  return {
    cleared: lines.filter((line) => /Expires=Thu, 01 Jan 1970/.test(line)).map((line) => line.slice(0, line.indexOf('='))),
    set: lines.some((line) => line.startsWith(`${pendingLoginCookieName(NEW_STATE)}=${NEW_STATE}.`)),
  };
}

describe('a login started in a browser with five in flight already', () => {
  it('clears the one that started first, whatever order the browser sent them in', async () => {
    const logins: [string, number][] = [[state('e'), 50], [state('a'), 10], [state('c'), 30], [state('d'), 40], [state('b'), 20]];
    expect(await answerTo(logins)).toEqual({ cleared: [pendingLoginCookieName(state('a'))], set: true });
  });

  it('clears the one the browser sent first of those started in the same millisecond (browsers send the oldest first)', async () => {
    const logins: [string, number][] = ['a', 'b', 'c', 'd', 'e'].map((letter) => [state(letter), 10]);
    expect(await answerTo(logins)).toEqual({ cleared: [pendingLoginCookieName(state('a'))], set: true });
  });

  it('clears none while fewer than five are in flight', async () => {
    const logins: [string, number][] = ['a', 'b', 'c', 'd'].map((letter, at) => [state(letter), at]);
    expect(await answerTo(logins)).toEqual({ cleared: [], set: true });
  });
});
