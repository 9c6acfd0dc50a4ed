import { describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { useDefaultTenantApp } from './app_fixture.js';

/** ETags only where a browser revalidates: static files; dynamic and no-store answers carry none. */
describe('ETags', () => {
  const fixture = useDefaultTenantApp();

  it('gives a static file an ETag, and answers 304 when the browser already has it', async () => {
    const first = await request(fixture().app).get('/static/css/fitgate.css').set('Host', 'localhost:3000').expect(200);
    expect(first.headers.etag).toBeDefined();
    await request(fixture().app).get('/static/css/fitgate.css').set('Host', 'localhost:3000').set('If-None-Match', first.headers.etag!).expect(304);
  });

  it('hashes no dynamic answer: JSON, OAuth errors and pages carry no ETag', async () => {
    const answers = await Promise.all([
      request(fixture().app).get('/.well-known/openid-configuration').set('Host', 'localhost:3000').expect(200),
      request(fixture().app).post('/oauth/token').set('Host', 'localhost:3000').type('form').send({ grant_type: 'authorization_code' }),
      request(fixture().app).get('/authorize').set('Host', 'localhost:3000').set('Accept', 'text/html'),
    ]);
    for (const answer of answers) expect([answer.status, answer.headers.etag]).toEqual([answer.status, undefined]);
  });
});
