import { randomBytes } from 'node:crypto';
import { expect, it } from '@jest/globals';
import request from 'supertest';
import { describeEachStore } from '../../../support/stores.js';
import { useBackChannel, type BackChannel } from '../../../support/authn/back_channel_fixture.js';
import { putStoredSession, readStoredSession } from '../../../support/authn/stored_session.js';

/**
 * POST /oidc/logout (RP-Initiated Logout 1.0 §2) answers 303 to the GET with the same parameters,
 * and only the GET ends the session: a cross-site post arrives without the SameSite=Lax cookie.
 */
const RETURN_TO = 'https://app.example/signed-out';

describeEachStore('POST /oidc/logout', (harness) => {
  const backChannel = useBackChannel(harness);

  async function clientWithLogoutUrl() {
    const bc = backChannel();
    const { client } = await bc.addClient({ allowedLogoutUrls: [RETURN_TO] });
    return { bc, client };
  }

  async function newSession(bc: BackChannel) {
    const sessionId = `logout-post-${randomBytes(6).toString('hex')}`;
    // A signed-in session: only the end of a sign-in is logged as a sign-out.
    const endUser = { tenant: bc.tenant.name, userId: 'fitbit|POST', connection: 'fitbit', authTime: Math.floor(Date.now() / 1000), sid: sessionId };
    const cookie = await putStoredSession(bc.store, sessionId, bc.deps.config.sessionSecrets[0] ?? '', { endUser });
    return { sessionId, cookie };
  }

  async function sloEventsOf(bc: BackChannel, clientId: string) {
    const { items } = await bc.store.logs.list(bc.tenant.name, { page: 0, perPage: 100, type: 'slo' });
    return items.filter((event) => event.clientId === clientId);
  }

  it('answers 303 to the GET with the recognised parameters only, uncached and with the security headers', async () => {
    const { bc, client } = await clientWithLogoutUrl();
    const response = await request(bc.app)
      .post('/oidc/logout')
      .set('Host', bc.host)
      .type('form')
      .send({ client_id: client.clientId, post_logout_redirect_uri: RETURN_TO, state: 'af0 ifj&sl', ui_locales: 'fr', id_token_hint: '' })
      .expect(303);
    expect(response.headers.location).toBe(
      `/oidc/logout?client_id=${client.clientId}&post_logout_redirect_uri=https%3A%2F%2Fapp.example%2Fsigned-out&state=af0+ifj%26sl`,
    );
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(response.headers['referrer-policy']).toBe('no-referrer');
    expect(response.headers['set-cookie']).toBeUndefined();

    const auth0 = await request(bc.app)
      .post('/oidc/logout')
      .set('Host', bc.host)
      .type('form')
      .send(`client_id=${client.clientId}&returnTo=${encodeURIComponent(RETURN_TO)}&state=&state2=x`)
      .expect(303);
    expect(auth0.headers.location).toBe(`/oidc/logout?client_id=${client.clientId}&returnTo=https%3A%2F%2Fapp.example%2Fsigned-out`);

    const empty = await request(bc.app).post('/oidc/logout').set('Host', bc.host).type('form').send('').expect(303);
    expect(empty.headers.location).toBe('/oidc/logout');
  });

  it('drops a repeated parameter, as the GET ignores one', async () => {
    const { bc, client } = await clientWithLogoutUrl();
    const response = await request(bc.app)
      .post('/oidc/logout')
      .set('Host', bc.host)
      .type('form')
      .send(`client_id=${client.clientId}&client_id=other&post_logout_redirect_uri=${encodeURIComponent(RETURN_TO)}`)
      .expect(303);
    expect(response.headers.location).toBe('/oidc/logout?post_logout_redirect_uri=https%3A%2F%2Fapp.example%2Fsigned-out');
  });

  it('does not end the session or log a sign-out by itself', async () => {
    const { bc, client } = await clientWithLogoutUrl();
    const { sessionId, cookie } = await newSession(bc);
    await request(bc.app)
      .post('/oidc/logout')
      .set('Host', bc.host)
      .set('Cookie', cookie)
      .type('form')
      .send({ client_id: client.clientId, post_logout_redirect_uri: RETURN_TO })
      .expect(303);
    expect(await readStoredSession(bc.store, sessionId)).toBeDefined();
    expect(await sloEventsOf(bc, client.clientId)).toEqual([]);
  });

  it('ends the session and returns to the allowed post_logout_redirect_uri with state once the browser follows the 303', async () => {
    const { bc, client } = await clientWithLogoutUrl();
    const { sessionId, cookie } = await newSession(bc);
    const posted = await request(bc.app)
      .post('/oidc/logout')
      .set('Host', bc.host)
      .type('form')
      .send({ client_id: client.clientId, post_logout_redirect_uri: RETURN_TO, state: 'af0ifjsldkj' })
      .expect(303);

    const followed = await request(bc.app).get(posted.headers.location ?? '').set('Host', bc.host).set('Cookie', cookie).expect(302);
    expect(followed.headers.location).toBe(`${RETURN_TO}?state=af0ifjsldkj`);
    expect(await readStoredSession(bc.store, sessionId)).toBeUndefined();
    expect(await sloEventsOf(bc, client.clientId)).toHaveLength(1);
  });

  it('never writes the id_token_hint it passes on to the request log', async () => {
    const bc = backChannel();
    const hint = `eyJhbGciOiJSUzI1NiJ9.${randomBytes(24).toString('base64url')}.c2ln`;
    const posted = await request(bc.app).post('/oidc/logout').set('Host', bc.host).type('form').send({ id_token_hint: hint }).expect(303);
    // The hint reaches a URL in the GET the 303 names: that request's log line is redacted too.
    expect(posted.headers.location).toContain(hint);
    await request(bc.app).get(posted.headers.location ?? '').set('Host', bc.host).expect(200);
    // The post's line names the 303's location, the get's its URL: both with the hint redacted.
    const [postLine, getLine] = bc.logLines.slice(-2);
    expect(postLine).toContain('"location":"/oidc/logout?id_token_hint=[REDACTED]"');
    expect(getLine).toContain('"url":"/oidc/logout?id_token_hint=[REDACTED]"');
    expect(bc.logLines.join('\n')).not.toContain(hint);
  });

  it('refuses a JSON body with a page saying it must be a form (400)', async () => {
    const bc = backChannel();
    const body = JSON.stringify({ client_id: 'x', post_logout_redirect_uri: RETURN_TO });
    const response = await request(bc.app).post('/oidc/logout').set('Host', bc.host).set('Content-Type', 'application/json').send(body).expect(400);
    expect(response.headers['content-type']).toMatch(/^text\/html/);
    expect(response.headers.location).toBeUndefined();
    expect(response.text).toContain('must be sent as a form');
  });

  it('refuses a form too long for the GET it would lead to with a page, and copies none of it into a Location', async () => {
    const bc = backChannel();
    const state = 's'.repeat(9 * 1024);
    const response = await request(bc.app).post('/oidc/logout').set('Host', bc.host).type('form').send({ post_logout_redirect_uri: RETURN_TO, state }).expect(400);
    expect(response.headers['content-type']).toMatch(/^text\/html/);
    expect(response.headers.location).toBeUndefined();
    expect(response.text).toContain('longer than fitgate accepts');
    expect(bc.logLines.join('\n')).not.toContain(state);
  });

  it("refuses a body fitgate does not read at all with a page for the browser (415)", async () => {
    const bc = backChannel();
    const response = await request(bc.app)
      .post('/oidc/logout')
      .set('Host', bc.host)
      .set('Accept', 'text/html')
      .set('Content-Type', 'text/plain')
      .send('client_id=x')
      .expect(415);
    expect(response.headers['content-type']).toMatch(/^text\/html/);
    expect(response.headers.location).toBeUndefined();
  });

  it('keeps /v2/logout GET only, as Auth0 serves it', async () => {
    const bc = backChannel();
    await request(bc.app).post('/v2/logout').set('Host', bc.host).type('form').send({ returnTo: RETURN_TO }).expect(404);
  });
});
