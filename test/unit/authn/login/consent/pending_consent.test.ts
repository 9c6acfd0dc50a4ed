import { describe, expect, it } from '@jest/globals';
import type { Request } from 'express';
import { carriesConsentToken, CONSENT_TTL_MS, findPendingConsent, forgetPendingConsent, holdForConsent, MAX_PENDING_CONSENTS } from '../../../../../src/authn/login/consent/pending_consent.js';
import type { LoginTransaction } from '../../../../../src/authn/login/login_transaction.js';

const NOW = Date.parse('2026-12-01T10:00:00.000Z');
const signIn = { userId: 'fitbit|ADA', authTime: NOW / 1000, sid: 'sid-1' };

function signedInRequest(): Request {
  return { session: { endUser: { tenant: 'acme', userId: 'fitbit|ADA', connection: 'fitbit', authTime: NOW / 1000, sid: 'sid-1' } } } as unknown as Request;
}

const transaction = {
  tenant: 'acme',
  clientId: 'partner',
  redirectUri: 'https://app.example/callback',
  responseType: 'code',
  responseMode: 'query',
  state: 'client-state',
  scope: ['openid', 'email'],
  prompt: [],
  loginHint: 'ada@example.com',
  connection: 'fitbit',
  upstreamState: 'upstream-state',
  upstreamCodeVerifier: 'upstream-verifier',
} as unknown as LoginTransaction;

const idOf = (page: string) => new URL(page, 'http://acme.localhost').searchParams.get('consent');

describe('authorizations waiting for consent in the session', () => {
  it('keeps the application’s request alone, not the upstream round trip or the login_hint', () => {
    const req = signedInRequest();
    const pending = findPendingConsent(req.session, idOf(holdForConsent(req, transaction, signIn, NOW)), NOW);
    expect(pending?.request).toEqual({
      tenant: 'acme',
      clientId: 'partner',
      redirectUri: 'https://app.example/callback',
      responseType: 'code',
      responseMode: 'query',
      state: 'client-state',
      scope: ['openid', 'email'],
      prompt: [],
      connection: 'fitbit',
    });
  });

  it('finds a request only for the sign-in it waits for, and only until it expires', () => {
    const req = signedInRequest();
    const id = idOf(holdForConsent(req, transaction, signIn, NOW));
    expect(findPendingConsent(req.session, id, NOW + CONSENT_TTL_MS - 1)).toBeDefined();
    expect(findPendingConsent(req.session, id, NOW + CONSENT_TTL_MS)).toBeUndefined();
    expect(findPendingConsent({ ...req.session, endUser: { ...req.session.endUser!, sid: 'sid-2' } }, id, NOW)).toBeUndefined();
    expect(findPendingConsent({ ...req.session, endUser: undefined }, id, NOW)).toBeUndefined();
    expect(findPendingConsent(req.session, ['an', 'array'], NOW)).toBeUndefined();
  });

  it('accepts only the request’s own form token', () => {
    const req = signedInRequest();
    const pending = findPendingConsent(req.session, idOf(holdForConsent(req, transaction, signIn, NOW)), NOW)!;
    expect(carriesConsentToken(pending, pending.csrf)).toBe(true);
    expect(carriesConsentToken(pending, `${pending.csrf}x`)).toBe(false);
    expect(carriesConsentToken(pending, pending.id)).toBe(false);
    expect(carriesConsentToken(pending, undefined)).toBe(false);
  });

  it('answers each request once, and keeps the newest few', () => {
    const req = signedInRequest();
    const ids = Array.from({ length: MAX_PENDING_CONSENTS + 1 }, () => idOf(holdForConsent(req, transaction, signIn, NOW)));
    expect(req.session.pendingConsents).toHaveLength(MAX_PENDING_CONSENTS);
    expect(findPendingConsent(req.session, ids[0], NOW)).toBeUndefined();
    const newest = ids.at(-1)!;
    forgetPendingConsent(req.session, newest, NOW);
    expect(findPendingConsent(req.session, newest, NOW)).toBeUndefined();
    expect(findPendingConsent(req.session, ids[1], NOW)).toBeDefined();
  });
});
