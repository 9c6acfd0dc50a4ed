import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { createLocalJWKSet, jwtVerify, type JSONWebKeySet, type JWTPayload } from 'jose';
import request from 'supertest';
import type { AuthorizationCodeRecord } from '../../../../../src/authn/codes/authorization_code.js';
import { codeHash } from '../../../../../src/authn/tokens/code_hash.js';
import { readFormPost } from '../../../../support/authn/form_post_page.js';
import { describeEachStore } from '../../../../support/stores.js';
import { CLIENT_CALLBACK, startFrontChannel, type FrontChannel, useEmulator } from '../../../../support/authn/front_channel_fixture.js';
import { storeClient } from '../../../../support/stored_client.js';

const emulator = useEmulator('alice');

/** The sources of the policy's form-action directive. */
function formAction(policy: string): string | undefined {
  return /(?:^|;)\s*form-action ([^;]*)/.exec(policy)?.[1]?.trim();
}

describeEachStore('/authorize response types and modes', (harness) => {
  let fitgate: FrontChannel;
  beforeAll(async () => {
    fitgate = await startFrontChannel({ store: harness.store(), upstream: { kind: 'emulator', emulator: emulator() } });
  });
  afterAll(() => fitgate.close());

  async function verifyIdToken(idToken: string): Promise<JWTPayload> {
    const jwks = await request(fitgate.url).get('/.well-known/jwks.json').set('Host', new URL(fitgate.tenantUrl).host);
    const { payload } = await jwtVerify(idToken, createLocalJWKSet(jwks.body as JSONWebKeySet), {
      issuer: `${fitgate.tenantUrl}/`,
      audience: fitgate.webClient.clientId,
    });
    return payload;
  }

  /** Logs in through the emulator and returns fitgate's last answer: a page, or the redirect to the client. */
  async function login(params: Record<string, string | undefined>) {
    const browser = fitgate.browser();
    return browser.follow(fitgate.authorizeUrl({ connection: 'fitbit', ...params }), CLIENT_CALLBACK);
  }

  it('posts an id_token bound to the nonce to the client with response_type=id_token and response_mode=form_post, and no code', async () => {
    const { page } = await login({ response_type: 'id_token', response_mode: 'form_post', nonce: 'n-form', state: 'st-form' });
    expect(page?.status).toBe(200);
    const post = readFormPost(page!.text);
    expect(post.action).toBe(CLIENT_CALLBACK);
    expect(Object.keys(post.fields).sort()).toEqual(['id_token', 'iss', 'state']);
    expect(post.fields.state).toBe('st-form');
    expect(post.fields.iss).toBe(`${fitgate.tenantUrl}/`);
    const claims = await verifyIdToken(post.fields.id_token!);
    expect(claims).toMatchObject({ nonce: 'n-form', sub: 'fitbit|alice-4f1c2b7e', name: 'Alice Runner' });
    expect(claims.c_hash).toBeUndefined();
  });

  it('serves the form_post page with a script from /static, no inline script, and the client origin as its only form-action', async () => {
    const { page } = await login({ response_type: 'code', response_mode: 'form_post' });
    expect(page?.text).toContain('<script src="/static/login/form_post.js" defer></script>');
    expect(page?.text).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    const csp = page?.headers['content-security-policy'] ?? '';
    expect(formAction(csp)).toBe('https://app.example');
    expect(csp).toContain("script-src 'self'");
    expect(page?.headers['cache-control']).toBe('no-store');
    const script = await request(fitgate.url).get('/static/login/form_post.js').expect(200);
    expect(script.text).toContain('submit()');
  });

  it('posts a code bound to the request with response_type=code and response_mode=form_post', async () => {
    const { page } = await login({ response_type: 'code', response_mode: 'form_post', state: 'st-code' });
    const post = readFormPost(page!.text);
    expect(Object.keys(post.fields).sort()).toEqual(['code', 'iss', 'state']);
    const record = await fitgate.store.ephemeral.get<AuthorizationCodeRecord>('authorization_code', post.fields.code!);
    expect(record).toMatchObject({ clientId: fitgate.webClient.clientId, redirectUri: CLIENT_CALLBACK });
  });

  it('returns code and id_token with its c_hash in the fragment by default with response_type="code id_token"', async () => {
    const { arrivedAt } = await login({ response_type: 'code id_token', nonce: 'n-hybrid', state: 'st-hybrid' });
    expect(arrivedAt?.search).toBe('');
    const fragment = new URLSearchParams(arrivedAt?.hash.slice(1));
    const code = fragment.get('code')!;
    expect(fragment.get('state')).toBe('st-hybrid');
    expect(fragment.get('iss')).toBe(`${fitgate.tenantUrl}/`);
    const claims = await verifyIdToken(fragment.get('id_token')!);
    expect(claims).toMatchObject({ nonce: 'n-hybrid', c_hash: codeHash(code) });
    expect(await fitgate.store.ephemeral.get('authorization_code', code)).toBeDefined();
  });

  it('returns an id_token alone in the fragment by default with response_type=id_token', async () => {
    const { arrivedAt } = await login({ response_type: 'id_token', nonce: 'n-frag' });
    const fragment = new URLSearchParams(arrivedAt?.hash.slice(1));
    expect(fragment.get('code')).toBeNull();
    expect((await verifyIdToken(fragment.get('id_token')!)).nonce).toBe('n-frag');
  });

  it('sends an error after the redirect_uri is verified back in the requested form_post mode', async () => {
    const page = await fitgate.browser().get(fitgate.authorizeUrl({ response_type: 'id_token', response_mode: 'form_post', nonce: 'n', prompt: 'none', state: 'st-e' }));
    expect(page.status).toBe(200);
    expect(readFormPost(page.text).fields).toMatchObject({ error: 'login_required', state: 'st-e' });
    expect(formAction(page.headers['content-security-policy'] ?? '')).toBe('https://app.example');
  });

  it("gives the front-channel id_token the lifetime of the client's jwt_configuration", async () => {
    await storeClient(fitgate.store.clients, { ...fitgate.webClient, idTokenLifetimeSeconds: 600 });
    try {
      const { arrivedAt } = await login({ response_type: 'id_token', nonce: 'n-life' });
      const claims = await verifyIdToken(new URLSearchParams(arrivedAt?.hash.slice(1)).get('id_token')!);
      expect(claims.exp! - claims.iat!).toBe(600);
    } finally {
      await storeClient(fitgate.store.clients, fitgate.webClient);
    }
  });

  it('sends a login refused upstream back to the client in its response mode', async () => {
    emulator().control.setAutoConsent({ user: 'alice', decision: 'deny' });
    try {
      const { arrivedAt } = await login({ response_type: 'code id_token', nonce: 'n', state: 'st-deny' });
      const fragment = new URLSearchParams(arrivedAt?.hash.slice(1));
      expect(fragment.get('error')).toBe('access_denied');
      expect(fragment.get('state')).toBe('st-deny');
      expect(arrivedAt?.search).toBe('');
    } finally {
      emulator().control.setAutoConsent({ user: 'alice', decision: 'approve' });
    }
  });

  it('refuses response_type=id_token in the query, answering in the fragment', async () => {
    const response = await fitgate.browser().get(fitgate.authorizeUrl({ response_type: 'id_token', response_mode: 'query', nonce: 'n' }));
    expect(response.status).toBe(302);
    expect(response.location?.search).toBe('');
    expect(new URLSearchParams(response.location?.hash.slice(1)).get('error')).toBe('invalid_request');
  });

  it('answers a signed-in browser at once with prompt=none in its response type and mode', async () => {
    const browser = fitgate.browser();
    await browser.follow(fitgate.authorizeUrl({ connection: 'fitbit' }), CLIENT_CALLBACK);
    const page = await browser.get(fitgate.authorizeUrl({ response_type: 'id_token', response_mode: 'form_post', prompt: 'none', nonce: 'n-silent' }));
    const claims = await verifyIdToken(readFormPost(page.text).fields.id_token!);
    expect(claims.nonce).toBe('n-silent');
  });
});
