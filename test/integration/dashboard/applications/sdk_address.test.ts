import { describe, expect, it } from '@jest/globals';
import { submitForm, useSignedInDashboard } from '../dashboard_harness.js';

/**
 * An application's pages give what its SDK is pointed at, beside the Client ID: the tenant's domain
 * (Auth0's SDKs) and its issuer (OpenID Connect libraries), for the tenant of that page.
 */
describe('the SDK address on an application’s pages', () => {
  // The harness serves the default tenant at http://localhost:3000.
  const dashboard = useSignedInDashboard();
  const list = '/manage/t/default/applications';

  it('shows the domain and the issuer on the credentials page and on the settings page', async () => {
    const created = await submitForm(dashboard.agent(), `${list}/new`, list, { name: 'Web', app_type: 'regular_web' });
    const credentials = await dashboard.agent().get(String(created.headers.location)).expect(200);
    const clientId = /id="client-id">([^<]+)</.exec(credentials.text)![1]!;
    const settings = await dashboard.agent().get(`${list}/${clientId}`).expect(200);
    for (const page of [credentials.text, settings.text]) {
      expect(page).toContain('<code id="domain">localhost:3000</code>');
      expect(page).toContain('<code id="issuer">http://localhost:3000/</code>');
    }
  });
});
