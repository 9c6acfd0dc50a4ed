import { describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { useDefaultTenantApp } from './app_fixture.js';

const HOST = 'localhost:3000';
const APPLICATION_ADVICE = 'If an application sent you here';

// A refused request's page speaks to whoever can act on it: the dashboard's admin, or a visitor an
// application sent.
describe('the advice of a refused request', () => {
  const fixture = useDefaultTenantApp();
  const unreadable = (path: string) =>
    request(fixture().app).post(path).set('Host', HOST).set('Accept', 'text/html').set('Content-Type', 'application/json').send('{not json');

  it('tells an admin on the dashboard to reload and try again, not to ask an application developer', async () => {
    const response = await unreadable('/manage/login');
    expect(response.status).toBe(400);
    expect(response.text).toContain('Go back, reload the page and try again.');
    expect(response.text).not.toContain(APPLICATION_ADVICE);
  });

  it('tells a visitor outside the dashboard what to tell the application developer', async () => {
    const response = await unreadable('/oidc/logout');
    expect(response.status).toBe(400);
    expect(response.text).toContain(APPLICATION_ADVICE);
  });
});
