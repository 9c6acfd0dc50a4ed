import { describe, expect, it } from '@jest/globals';
import { createClient } from '../../../../src/domain/clients.js';
import { useSignedInDashboard } from '../dashboard_harness.js';

/**
 * An application's page speaks to what the application is: a machine-to-machine one signs no user
 * in, so its name is for the admin's records and its credentials go to /oauth/token; one that signs
 * users in shows its name on the login page and is configured in an SDK.
 */
describe('an application page by the type of application', () => {
  const dashboard = useSignedInDashboard();

  async function pageOf(appType: 'non_interactive' | 'regular_web' | 'spa'): Promise<string> {
    const { client } = await createClient(dashboard.harness().store.clients, { tenant: 'default', name: `Page of ${appType}`, appType });
    return (await dashboard.agent().get(`/manage/t/default/applications/${client.clientId}`).expect(200)).text;
  }

  it('tells a machine-to-machine application where its credentials go, and that no user sees its name', async () => {
    const text = await pageOf('non_interactive');
    expect(text).toContain('For your own records: no user sees it.');
    expect(text).toContain('(the client credentials grant)');
    expect(text).not.toContain('Shown to your users on the login page.');
  });

  it('tells an application that signs users in that they see its name, and offers a regular web one the Management API', async () => {
    const text = await pageOf('regular_web');
    expect(text).toContain('Shown to your users on the login page.');
    expect(text).toContain("Your application's SDK takes the Domain");
    expect(text).toContain('<h2 id="management-api-heading">Management API</h2>');
    expect(text).toContain('<button type="submit">Authorize</button>');
  });

  it('puts the Management API note of a single-page application under its own heading', async () => {
    const text = await pageOf('spa');
    expect(text).toMatch(
      /<h2 id="management-api-none-heading">Management API<\/h2>\s*<p class="hint">Only regular web and machine-to-machine applications call the Management API; this one runs where it cannot keep a secret.<\/p>/,
    );
  });

  it('describes the name field of a new application before anything is refused', async () => {
    const text = (await dashboard.agent().get('/manage/t/default/applications/new').expect(200)).text;
    expect(text).toContain('aria-describedby="name-hint"');
    expect(text).toContain('<p class="hint" id="name-hint">Up to');
  });
});
