import { describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { useSignedInDashboard } from './dashboard_harness.js';

/** Opening the dashboard at 127.0.0.1 (no tenant's host) suggests localhost, where the same server answers. */
describe('the 127.0.0.1 address', () => {
  const dashboard = useSignedInDashboard();

  it('answers with a page that suggests the localhost address on the same port', async () => {
    const response = await request(dashboard.harness().app).get('/manage').set('Host', '127.0.0.1:3000').set('Accept', 'text/html').expect(404);
    expect(response.text).toContain('Did you mean localhost?');
    expect(response.text).toContain('<a href="http://localhost:3000/manage">http://localhost:3000/manage</a>');
  });

  it('does not suggest localhost for other unknown hosts', async () => {
    const response = await request(dashboard.harness().app).get('/manage').set('Host', 'nobody.localhost:3000').set('Accept', 'text/html').expect(404);
    expect(response.text).not.toContain('Did you mean localhost?');
    expect(response.text).toContain('open the dashboard');
  });
});
