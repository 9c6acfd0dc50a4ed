import { createHash } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import type { Request } from 'express';
import { FitbitStrategy, type FitbitStrategyOptions } from '../../../../src/connections/fitbit/strategy.js';
import { nonceForChallenge } from '../../../../src/connections/fitbit/nonce.js';

const CALLBACK = 'https://tenant.example.com/login/callback';
const P = 'https://www.googleapis.com/auth/googlehealth.';
// Fitbit's own legacy hosts are gone (see the refusal below): the legacy URL is built for an upstream
// that serves the same API under another base.
const COMPATIBLE = 'https://fitbit-compatible.example';

interface Outcome {
  redirect?: URL;
  error?: Error;
  session: Record<string, { state: { handle: string; code_verifier: string; state?: unknown } }>;
}

/** Runs the authorize leg the way passport does: on a per-request copy with redirect/error/fail attached. */
function authorize(options: Partial<FitbitStrategyOptions>, requestOptions: Record<string, unknown> = {}): Outcome {
  const strategy = new FitbitStrategy(
    {
      api: 'fitbit-legacy',
      clientID: '23ABCD',
      clientSecret: 'shh',
      callbackURL: CALLBACK,
      scope: ['activity', 'profile'],
      ...(options.api !== 'google-health' && { upstreamBaseUrl: COMPATIBLE }),
      ...options,
    },
    () => undefined,
  );
  const outcome: Outcome = { session: {} };
  const live = Object.assign(Object.create(strategy) as FitbitStrategy, {
    redirect: (url: string) => (outcome.redirect = new URL(url)),
    error: (error: Error) => (outcome.error = error),
    fail: () => (outcome.error = new Error('failed')),
  });
  live.authenticate({ query: {}, session: outcome.session } as unknown as Request, requestOptions);
  return outcome;
}

function params(url: URL | undefined): Record<string, string> {
  return Object.fromEntries(url?.searchParams ?? []);
}

describe('FitbitStrategy authorize URL', () => {
  it('refuses to send the browser to Fitbit\'s own legacy authorize page, gone since 2026-11-02', () => {
    const { redirect, error, session } = authorize({ upstreamBaseUrl: undefined });
    expect(redirect).toBeUndefined();
    expect(error).toMatchObject({ kind: 'gone', operation: 'authorize', status: undefined });
    expect(error?.message).toMatch(/authorize endpoint answers 410 Gone since 2026-11-02.*google-health/);
    expect(session).toEqual({});
  });

  it('sends exactly the documented legacy parameters to the authorize page of www.fitbit.com', () => {
    const { redirect } = authorize({});
    expect(redirect?.origin + (redirect?.pathname ?? '')).toBe(`${COMPATIBLE}/www.fitbit.com/oauth2/authorize`);
    expect(Object.keys(params(redirect)).sort()).toEqual(
      ['client_id', 'code_challenge', 'code_challenge_method', 'redirect_uri', 'response_type', 'scope', 'state'].sort(),
    );
    expect(params(redirect)).toMatchObject({ client_id: '23ABCD', response_type: 'code', redirect_uri: CALLBACK, scope: 'activity profile' });
  });

  it('uses PKCE S256 with the verifier kept in the session under the state it sent', () => {
    const { redirect, session } = authorize({});
    const kept = session['fitbit:fitbit-legacy']?.state;
    expect(params(redirect).code_challenge_method).toBe('S256');
    expect(params(redirect).state).toBe(kept?.handle);
    expect(params(redirect).code_challenge).toBe(createHash('sha256').update(kept?.code_verifier ?? '').digest('base64url'));
  });

  it('uses a fresh state and verifier for every request', () => {
    const first = params(authorize({}).redirect);
    const second = params(authorize({}).redirect);
    expect(first.state).not.toBe(second.state);
    expect(first.code_challenge).not.toBe(second.code_challenge);
  });

  it('asks Google for offline access, incremental scopes, the mapped scopes and a nonce bound to the challenge', () => {
    const { redirect } = authorize({ api: 'google-health', clientID: 'web.apps.googleusercontent.com', scope: ['activity', 'sleep'] });
    expect(redirect?.origin + (redirect?.pathname ?? '')).toBe('https://accounts.google.com/o/oauth2/v2/auth');
    const sent = params(redirect);
    expect(Object.keys(sent).sort()).toEqual(
      [
        'access_type',
        'client_id',
        'code_challenge',
        'code_challenge_method',
        'include_granted_scopes',
        'nonce',
        'redirect_uri',
        'response_type',
        'scope',
        'state',
      ].sort(),
    );
    expect(sent).toMatchObject({
      access_type: 'offline',
      include_granted_scopes: 'true',
      scope: `openid email profile ${P}activity_and_fitness.readonly ${P}sleep.readonly`,
      nonce: nonceForChallenge(sent.code_challenge ?? ''),
    });
  });

  it('passes a valid prompt and nothing else from the request options', () => {
    const { redirect } = authorize({}, { prompt: 'login consent', loginHint: 'jane', accessType: 'online', display: 'popup', foo: 'bar' });
    const sent = params(redirect);
    expect(sent.prompt).toBe('login consent');
    for (const leaked of ['loginHint', 'login_hint', 'accessType', 'access_type', 'display', 'foo']) expect(sent).not.toHaveProperty(leaked);
  });

  it('passes the login hint to Google as login_hint, beside its other parameters', () => {
    const { redirect } = authorize({ api: 'google-health', clientID: 'web.apps.googleusercontent.com' }, { loginHint: 'Jane.Doe+fit@example.com' });
    const sent = params(redirect);
    expect(sent.login_hint).toBe('Jane.Doe+fit@example.com');
    expect(sent).toMatchObject({ access_type: 'offline', include_granted_scopes: 'true' });
    expect(sent).not.toHaveProperty('loginHint');
  });

  it('sends Fitbit no login hint, its authorize page documenting none', () => {
    const sent = params(authorize({}, { loginHint: 'jane@example.com', prompt: 'consent' }).redirect);
    expect(sent.prompt).toBe('consent');
    expect(sent).not.toHaveProperty('login_hint');
    expect(sent).not.toHaveProperty('loginHint');
  });

  it('sends no login_hint without a hint, or for an empty one, and refuses one that is no string', () => {
    for (const loginHint of [undefined, '']) {
      expect(params(authorize({ api: 'google-health' }, { loginHint }).redirect)).not.toHaveProperty('login_hint');
    }
    const outcome = authorize({ api: 'google-health' }, { loginHint: ['jane@example.com'] });
    expect(outcome.redirect).toBeUndefined();
    expect(outcome.error).toBeInstanceOf(TypeError);
  });

  it('keeps strategy options such as the client secret out of the URL', () => {
    const { redirect } = authorize({ clientSecret: 'super-secret-value' });
    expect(redirect?.href).not.toContain('super-secret-value');
  });

  it('replaces the scope for one request with the per-request Fitbit scopes, mapped in google-health', () => {
    expect(params(authorize({}, { scope: ['sleep'] }).redirect).scope).toBe('sleep');
    expect(params(authorize({ api: 'google-health' }, { scope: 'weight' }).redirect).scope).toBe(
      `openid email profile ${P}health_metrics_and_measurements.readonly`,
    );
  });

  it('refuses an unknown per-request scope with an error instead of redirecting', () => {
    const outcome = authorize({}, { scope: ['activity', 'steps'] });
    expect(outcome.redirect).toBeUndefined();
    expect(outcome.error?.message).toMatch(/unknown Fitbit scope: steps/);
  });

  it('refuses a prompt the upstream does not define', () => {
    expect(authorize({}, { prompt: 'select_account' }).error?.message).toMatch(/prompt "select_account"/);
    expect(authorize({ api: 'google-health' }, { prompt: 'none consent' }).error).toBeInstanceOf(TypeError);
    expect(params(authorize({ api: 'google-health' }, { prompt: 'consent select_account' }).redirect).prompt).toBe('consent select_account');
  });

  it('refuses string state, which would make passport-oauth2 skip the store and lose the PKCE verifier', () => {
    expect(authorize({}, { state: 'abc' }).error?.message).toMatch(/state/);
  });

  it('keeps object state in the store with the verifier', () => {
    const { session } = authorize({}, { state: { returnTo: '/home' } });
    expect(session['fitbit:fitbit-legacy']?.state.state).toEqual({ returnTo: '/home' });
  });

  it('rewrites the authorize URL to upstreamBaseUrl, or to authorizationBaseUrl when both are given', () => {
    expect(authorize({ upstreamBaseUrl: 'http://127.0.0.1:4010' }).redirect?.href).toMatch(/^http:\/\/127\.0\.0\.1:4010\/www\.fitbit\.com\/oauth2\/authorize\?/);
    const { redirect } = authorize({ upstreamBaseUrl: 'http://127.0.0.1:4010', authorizationBaseUrl: 'https://tenant.example.com/sandbox' });
    expect(redirect?.href).toMatch(/^https:\/\/tenant\.example\.com\/sandbox\/www\.fitbit\.com\/oauth2\/authorize\?/);
  });
});

describe('FitbitStrategy options', () => {
  const base: FitbitStrategyOptions = { api: 'fitbit-legacy', clientID: 'id', callbackURL: CALLBACK, scope: ['activity'] };

  it('is named fitbit', () => {
    expect(new FitbitStrategy(base, () => undefined).name).toBe('fitbit');
  });

  it('rejects an unknown api, a missing client id and unknown scopes at construction', () => {
    expect(() => new FitbitStrategy({ ...base, api: 'fitbit' as never }, () => undefined)).toThrow(/api must be/);
    expect(() => new FitbitStrategy({ ...base, clientID: '' }, () => undefined)).toThrow(/clientID/);
    expect(() => new FitbitStrategy({ ...base, scope: ['activity', 'steps'] }, () => undefined)).toThrow(/steps/);
  });

  it('rejects a state store that would not keep the PKCE verifier', () => {
    const nonPkceStore = { store: (_req: unknown, _meta: unknown, cb: unknown) => cb, verify: (_req: unknown, _state: unknown, cb: unknown) => cb };
    expect(() => new FitbitStrategy({ ...base, store: nonPkceStore as never }, () => undefined)).toThrow(/verifier/);
  });
});
