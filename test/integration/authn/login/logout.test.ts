import { expect, it, jest } from '@jest/globals';
import request from 'supertest';
import { describeEachStore } from '../../../support/stores.js';
import { generateKeyPair, SignJWT } from 'jose';
import { tenantKeysFor } from '../../../../src/authn/keys/tenant_keys.js';
import { signJwt } from '../../../../src/authn/tokens/sign_jwt.js';
import { StoreUnavailableError } from '../../../../src/errors/index.js';
import { useBackChannel, type BackChannel } from '../../../support/authn/back_channel_fixture.js';

const RETURN_TO = 'https://app.example/signed-out';

// Auth0's own logout and its OpenID Connect RP-Initiated Logout endpoint answer alike, except for
// the query of the return address (logout_return_to_query.test.ts).
for (const path of ['/v2/logout', '/oidc/logout']) describeEachStore(path, (harness) => {
  const backChannel = useBackChannel(harness);

  async function clientWithLogoutUrl() {
    const bc = backChannel();
    const { client } = await bc.addClient({ allowedLogoutUrls: [RETURN_TO] });
    return { bc, client };
  }

  it('redirects to returnTo when it is exactly one of the client allowed logout URLs', async () => {
    const { bc, client } = await clientWithLogoutUrl();
    const response = await request(bc.app)
      .get(path)
      .set('Host', bc.host)
      .query({ client_id: client.clientId, returnTo: RETURN_TO })
      .expect(302);
    expect(response.headers.location).toBe(RETURN_TO);
  });

  it('passes state back to an allowed post_logout_redirect_uri (OpenID Connect RP-Initiated Logout)', async () => {
    const { bc, client } = await clientWithLogoutUrl();
    const response = await request(bc.app)
      .get(path)
      .set('Host', bc.host)
      .query({ client_id: client.clientId, post_logout_redirect_uri: RETURN_TO, state: 'af0ifjsldkj' })
      .expect(302);
    expect(response.headers.location).toBe(`${RETURN_TO}?state=af0ifjsldkj`);
  });

  it('shows a page instead of redirecting to an address the client did not register', async () => {
    const { bc, client } = await clientWithLogoutUrl();
    for (const returnTo of ['https://evil.example/', `${RETURN_TO}/extra`, `${RETURN_TO}/`, 'http://app.example/signed-out', 'https://app.example:8443/signed-out', 'https://app.example/Signed-out?x=1', 'https://app.example.evil.example/signed-out']) {
      const response = await request(bc.app).get(path).set('Host', bc.host).query({ client_id: client.clientId, returnTo }).expect(400);
      expect(response.headers.location).toBeUndefined();
      expect(response.text).toContain('You are signed out');
      expect(response.text).toContain('not one of the allowed logout URLs');
    }
  });

  // With a tenant-level list, a request without client_id may return: logout_tenant_urls.test.ts.
  it('shows a page for returnTo without client_id (the tenant lists no logout URL), and for an unknown or foreign client', async () => {
    const bc = backChannel();
    const foreign = await bc.addClient({ allowedLogoutUrls: [RETURN_TO] }, bc.other.tenant.name);
    for (const query of [{ returnTo: RETURN_TO }, { client_id: 'nobody', returnTo: RETURN_TO }, { client_id: foreign.client.clientId, returnTo: RETURN_TO }]) {
      const response = await request(bc.app).get(path).set('Host', bc.host).query(query).expect(400);
      expect(response.headers.location).toBeUndefined();
      expect(response.text).toContain('You are signed out');
    }
  });

  it('takes the application from a valid id_token_hint, even an expired one', async () => {
    const { bc, client } = await clientWithLogoutUrl();
    const hint = await idTokenFor(bc, client.clientId, -3600);
    const response = await request(bc.app)
      .get(path)
      .set('Host', bc.host)
      .query({ id_token_hint: hint, post_logout_redirect_uri: RETURN_TO })
      .expect(302);
    expect(response.headers.location).toBe(RETURN_TO);
  });

  it('never writes an id_token_hint, which carries the user claims, to the request log', async () => {
    const { bc, client } = await clientWithLogoutUrl();
    const hint = await idTokenFor(bc, client.clientId, 3600);
    await request(bc.app).get(path).set('Host', bc.host).query({ id_token_hint: hint, post_logout_redirect_uri: RETURN_TO }).expect(302);
    expect(bc.logLines.join('\n')).toContain(path);
    expect(bc.logLines.join('\n')).not.toContain(hint);
  });

  it('sets aside a hint signed with a key the tenant no longer holds when client_id names the application', async () => {
    const { bc, client } = await clientWithLogoutUrl();
    const { privateKey } = await generateKeyPair('RS256');
    const retired = await new SignJWT({})
      .setProtectedHeader({ alg: 'RS256', kid: 'a-key-retired-after-rotation', typ: 'JWT' })
      .setIssuer(`${bc.tenantUrl}/`)
      .setAudience(client.clientId)
      .sign(privateKey);
    const response = await request(bc.app)
      .get(path)
      .set('Host', bc.host)
      .query({ client_id: client.clientId, id_token_hint: retired, returnTo: RETURN_TO })
      .expect(302);
    expect(response.headers.location).toBe(RETURN_TO);
    const unnamed = await request(bc.app).get(path).set('Host', bc.host).query({ id_token_hint: retired, returnTo: RETURN_TO }).expect(400);
    expect(unnamed.text).toContain('did not issue');
  });

  it('does not redirect on an id_token_hint of another application, another tenant or a forged one', async () => {
    const { bc, client } = await clientWithLogoutUrl();
    const other = await bc.addClient({ allowedLogoutUrls: [RETURN_TO] });
    const mismatched = await idTokenFor(bc, other.client.clientId, 3600);
    const valid = await idTokenFor(bc, client.clientId, 3600);
    const forged = valid.replace(/\.[^.]+$/, `.${Buffer.from('forged').toString('base64url')}`);
    const foreignKeys = await tenantKeysFor(bc.deps).signer(bc.other.tenant);
    const foreign = await new SignJWT({})
      .setProtectedHeader({ alg: 'RS256', kid: foreignKeys.kid, typ: 'JWT' })
      .setIssuer(`${bc.tenantUrl}/`)
      .setAudience(client.clientId)
      .sign(foreignKeys.key);
    for (const id_token_hint of [forged, foreign]) {
      await request(bc.app).get(path).set('Host', bc.host).query({ id_token_hint, post_logout_redirect_uri: RETURN_TO }).expect(400);
    }
    const response = await request(bc.app)
      .get(path)
      .set('Host', bc.host)
      .query({ client_id: client.clientId, id_token_hint: mismatched, post_logout_redirect_uri: RETURN_TO })
      .expect(400);
    expect(response.text).toContain('issued to another application');
  });

  it('records an slo log event naming the client and the user whose sign-in ended', async () => {
    const { bc, client } = await clientWithLogoutUrl();
    const sessions = bc.store.sessionStore();
    const sessionId = `logout-slo-${client.clientId}`;
    const endUser = { tenant: bc.tenant.name, userId: 'fitbit|SLO', connection: 'fitbit', authTime: Math.floor(Date.now() / 1000), sid: 'slo-sid' };
    await new Promise<void>((resolve, reject) =>
      sessions.set(sessionId, { cookie: { originalMaxAge: 60_000, expires: new Date(Date.now() + 60_000) }, endUser } as never, (error) =>
        error ? reject(error) : resolve(),
      ),
    );
    const cookie = await signedSessionCookie(sessionId, bc.deps.config.sessionSecrets[0] ?? '');
    await request(bc.app).get(path).set('Host', bc.host).set('Cookie', cookie).query({ client_id: client.clientId, returnTo: RETURN_TO }).expect(302);
    const { items } = await bc.store.logs.list(bc.tenant.name, { page: 0, perPage: 50, type: 'slo' });
    expect(items.find((event) => event.clientId === client.clientId)).toMatchObject({ type: 'slo', clientName: client.name, userId: 'fitbit|SLO' });
  });

  it('signs out with a page when no returnTo is given, and clears the session cookie', async () => {
    const bc = backChannel();
    const response = await request(bc.app).get(path).set('Host', bc.host).expect(200);
    expect(response.text).toContain('You are signed out');
    expect(response.headers['set-cookie']?.[0]).toMatch(/^fitgate\.sid=;/);
  });

  it('destroys the fitgate session in the store', async () => {
    const bc = backChannel();
    const sessions = bc.store.sessionStore();
    const sessionId = 'logout-test-session';
    await new Promise<void>((resolve, reject) =>
      sessions.set(sessionId, { cookie: { originalMaxAge: 60_000, expires: new Date(Date.now() + 60_000) } } as never, (error) =>
        error ? reject(error) : resolve(),
      ),
    );
    const cookie = await signedSessionCookie(sessionId, bc.deps.config.sessionSecrets[0] ?? '');
    await request(bc.app).get(path).set('Host', bc.host).set('Cookie', cookie).expect(200);
    const after = await new Promise((resolve, reject) => sessions.get(sessionId, (error, value) => (error ? reject(error) : resolve(value))));
    expect(after ?? undefined).toBeUndefined();
  });

  it('deletes the stored session once, and a store that fails that delete gets one 503', async () => {
    const bc = backChannel();
    const sessions = bc.store.sessionStore();
    const sessionId = 'logout-once-session';
    const store = () =>
      new Promise<void>((resolve, reject) =>
        sessions.set(sessionId, { cookie: { originalMaxAge: 60_000, expires: new Date(Date.now() + 60_000) } } as never, (error) =>
          error ? reject(error) : resolve(),
        ),
      );
    await store();
    const cookie = await signedSessionCookie(sessionId, bc.deps.config.sessionSecrets[0] ?? '');
    const destroy = jest.spyOn(sessions, 'destroy');
    try {
      await request(bc.app).get(path).set('Host', bc.host).set('Cookie', cookie).expect(200);
      expect(destroy).toHaveBeenCalledTimes(1);

      await store();
      destroy.mockClear();
      destroy.mockImplementation((_sid, callback) => callback?.(new StoreUnavailableError({ cause: new Error('the store is down') })));
      await request(bc.app).get(path).set('Host', bc.host).set('Cookie', cookie).expect(503);
      expect(destroy).toHaveBeenCalledTimes(1);
    } finally {
      destroy.mockRestore();
    }
  });
});

/** An id_token of this tenant for the client, expiring `ttlSeconds` after now (negative: already expired). */
function idTokenFor(bc: BackChannel, clientId: string, ttlSeconds: number): Promise<string> {
  const issuedAt = Math.floor(Date.now() / 1000) - Math.max(0, -ttlSeconds) - 60;
  return signJwt(tenantKeysFor(bc.deps), bc.tenant, {}, {
    typ: 'JWT',
    issuer: `${bc.tenantUrl}/`,
    audience: clientId,
    subject: 'fitbit|HINT',
    ttlSeconds: Math.abs(ttlSeconds),
    issuedAt,
  });
}

/** express-session's cookie: "s:" + id + "." + HMAC-SHA256(id) in base64 without padding. */
async function signedSessionCookie(sessionId: string, secret: string): Promise<string> {
  const { createHmac } = await import('node:crypto');
  const signature = createHmac('sha256', secret).update(sessionId).digest('base64').replace(/=+$/, '');
  return `fitgate.sid=${encodeURIComponent(`s:${sessionId}.${signature}`)}`;
}
