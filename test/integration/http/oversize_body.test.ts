import { describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { useDefaultTenantApp } from './app_fixture.js';

const HOST = 'localhost:3000';
const BROWSER_ACCEPT = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';
/** Over the 100 kB (102,400 bytes) every body is held to. */
const OVERSIZE_FORM = `padding=${'x'.repeat(120_000)}`;
/** What body-parser's own refusal says: never shown, whatever the door. */
const RAW_ERROR = /request entity too large|PayloadTooLargeError|entity\.too\.large|\n\s+at /i;

/**
 * A body over the limit is refused before any route runs; each door answers it in its own way:
 * the dashboard with its page for a refused form, the Authentication API's browser endpoints with
 * the page they show for their other errors, /oauth/token and /api/v2 in their JSON error shapes.
 * Each says how much is accepted.
 */
describe('a body larger than fitgate accepts', () => {
  const fixture = useDefaultTenantApp();
  const post = (path: string) => request(fixture().app).post(path).set('Host', HOST);

  it('the dashboard answers with its own layout that the form was too large and the limit, whatever the Accept', async () => {
    for (const accept of [BROWSER_ACCEPT, '*/*']) {
      const response = await post('/manage/t/default/applications/new').set('Accept', accept).type('form').send(OVERSIZE_FORM);
      expect(response.status).toBe(413);
      expect(response.headers['content-type']).toMatch(/^text\/html/);
      expect(response.text).toContain('href="/static/dashboard/dashboard.css"');
      expect(response.text).toContain('<h1>This form is too large</h1>');
      expect(response.text).toContain('at most 100 kB');
      expect(response.text).toContain('Nothing was changed.');
      expect(response.text).not.toMatch(RAW_ERROR);
    }
  });

  it('an Authentication API browser endpoint (a form_post to /login/callback) answers with its error page and the limit', async () => {
    const response = await post('/login/callback').set('Accept', BROWSER_ACCEPT).type('form').send(OVERSIZE_FORM);
    expect(response.status).toBe(413);
    expect(response.text).toContain('href="/static/css/fitgate.css"');
    expect(response.text).toContain('<h1 id="error-title">Request too large</h1>');
    expect(response.text).toContain('at most 100 kB');
    expect(response.text).toContain('If an application sent you here');
    expect(response.text).not.toMatch(RAW_ERROR);
  });

  it('/oauth/token answers an OAuth invalid_request with the limit', async () => {
    const response = await post('/oauth/token').type('form').send(`grant_type=client_credentials&${OVERSIZE_FORM}`);
    expect(response.status).toBe(413);
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.body).toEqual({ error: 'invalid_request', error_description: 'The request body is larger than fitgate accepts (at most 100 kB).' });
  });

  it('/api/v2 answers in the Management API error format with the limit', async () => {
    const response = await post('/api/v2/clients').send({ name: 'x'.repeat(120_000) });
    expect(response.status).toBe(413);
    expect(response.body).toEqual({
      statusCode: 413,
      error: 'Payload Too Large',
      message: 'The request body is larger than fitgate accepts (at most 100 kB).',
      errorCode: 'invalid_request',
    });
  });
});
