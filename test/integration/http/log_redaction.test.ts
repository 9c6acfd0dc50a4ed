import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { FIXTURE_TIMEOUT_MS, startTestApp, type TestApp } from './app_fixture.js';

const HOST = 'localhost:3000';
const MARKER = 'marker-5ecret-7f3a9';

interface RequestLine {
  req?: { method?: string; url?: string };
  res?: { statusCode?: number };
}

// Secrets reach fitgate in headers, cookies, query strings and bodies; the request log keeps none.
describe('request log redaction', () => {
  let fixture: TestApp;

  beforeAll(async () => {
    fixture = await startTestApp({ LOG_LEVEL: 'info' });
    await fixture.addTenant('default');
  }, FIXTURE_TIMEOUT_MS);
  afterAll(() => fixture.cleanup(), FIXTURE_TIMEOUT_MS);

  const logged = () => fixture.logLines.join('\n');

  it('logs one line per request with method, redacted URL and status', async () => {
    // /login/callback refuses a state no login transaction holds with a 400 page.
    await request(fixture.app).get(`/login/callback?code=${MARKER}&state=${MARKER}&connection=fitbit`).set('Host', HOST);
    const lines = fixture.logLines.map((l) => JSON.parse(l) as RequestLine);
    const line = lines.find((l) => l.req?.url?.startsWith('/login/callback'));
    expect(line?.req?.method).toBe('GET');
    expect(line?.req?.url).toBe('/login/callback?code=[REDACTED]&state=[REDACTED]&connection=fitbit');
    expect(line?.res?.statusCode).toBe(400);
  });

  it('never logs authorization headers, cookies or secret query parameters', async () => {
    const parameters = ['code', 'state', 'token', 'refresh_token', 'access_token', 'id_token', 'client_secret', 'code_verifier', 'subject_token'];
    await request(fixture.app)
      .get(`/authorize?${parameters.map((name) => `${name}=${MARKER}-${name}`).join('&')}`)
      .set('Host', HOST)
      .set('Authorization', `Bearer ${MARKER}`)
      .set('Cookie', `fitgate.sid=${MARKER}`)
      .set('Referer', `http://client.example/callback?code=${MARKER}`);
    await request(fixture.app)
      .post('/oauth/token')
      .set('Host', HOST)
      .set('Authorization', `Basic ${Buffer.from(`client:${MARKER}`).toString('base64')}`)
      .type('form')
      .send({ grant_type: 'authorization_code', code: MARKER, client_secret: MARKER, subject_token: MARKER });
    expect(fixture.logLines.length).toBeGreaterThan(1);
    expect(logged()).not.toContain(MARKER);
    expect(logged()).not.toContain(Buffer.from(`client:${MARKER}`).toString('base64'));
  });

  it('never logs the ticket of a set-password link, which is part of the path', async () => {
    await request(fixture.app).get(`/manage/set-password/${MARKER}`).set('Host', HOST);
    const lines = fixture.logLines.map((l) => JSON.parse(l) as RequestLine);
    expect(lines.find((l) => l.req?.url?.startsWith('/manage/set-password/'))?.req?.url).toBe('/manage/set-password/[REDACTED]');
    expect(logged()).not.toContain(MARKER);
  });

  it("redacts secrets in fitgate's own log calls at any of the usual depths", () => {
    fixture.deps.logger.info(
      {
        password: MARKER,
        body: { client_secret: MARKER, code: MARKER, refresh_token: MARKER },
        upstream: { response: { access_token: MARKER, id_token: MARKER } },
        req: { headers: { authorization: MARKER, cookie: MARKER } },
        err: { code: 'ECONNRESET' },
      },
      'diagnostics',
    );
    const line = fixture.logLines.at(-1) ?? '';
    expect(line).toContain('diagnostics');
    expect(line).not.toContain(MARKER);
    // Error codes are not secrets and stay readable.
    expect(line).toContain('ECONNRESET');
  });
});
