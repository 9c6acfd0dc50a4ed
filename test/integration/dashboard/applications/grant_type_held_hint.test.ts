import { describe, expect, it } from '@jest/globals';
import { createClient } from '../../../../src/domain/clients.js';
import type { Client } from '../../../../src/domain/types.js';
import { useSignedInDashboard } from '../dashboard_harness.js';

const PUBLIC_HINT =
  'held though it has no client secret (it is public), and /oauth/token refuses client_credentials to a public application. Untick it: the settings are saved only without it.';
const TYPE_HINT = 'set through the Management API, though the dashboard does not offer it to this type of application. Untick it to take it away.';

/**
 * A Grant Types box the page shows only because the application holds it says why the rule
 * (domain/grant_types.ts: grantTypeVerdict) does not offer it: Client Credentials held by a public
 * application (one of a type that could keep a secret, or not) says it is public, which is why the
 * page is saved only without it; one a confidential application's type is not offered says so.
 */
describe('the words beside a grant type the application holds but is not offered', () => {
  const dashboard = useSignedInDashboard();

  async function hintOf(appType: Client['appType'], tokenEndpointAuthMethod: Client['tokenEndpointAuthMethod'], grantType: string): Promise<string> {
    const { client } = await createClient(dashboard.harness().store.clients, {
      tenant: 'default',
      name: 'Held',
      appType,
      tokenEndpointAuthMethod,
      grantTypes: ['authorization_code', 'client_credentials'],
    });
    const html = (await dashboard.agent().get(`/manage/t/default/applications/${encodeURIComponent(client.clientId)}`).expect(200)).text;
    const box = new RegExp(`<input type="checkbox" name="grant_types" value="${grantType}"[^>]*>\\s*<span>([\\s\\S]*?)</span>`).exec(html);
    return box![1]!.replace(/^<strong>[^<]*<\/strong> \(<code>[^<]*<\/code>\): /, '');
  }

  it('says a public regular web application has no secret, not that its type is not offered it', async () => {
    expect(await hintOf('regular_web', 'none', 'client_credentials')).toBe(PUBLIC_HINT);
  });

  it('says a public single-page application has no secret too, since that is why it is saved only without it', async () => {
    expect(await hintOf('spa', 'none', 'client_credentials')).toBe(PUBLIC_HINT);
  });

  it('says only that the dashboard does not offer it to the type when the application has a secret', async () => {
    expect(await hintOf('spa', 'client_secret_post', 'client_credentials')).toBe(TYPE_HINT);
    expect(await hintOf('non_interactive', 'client_secret_post', 'authorization_code')).toBe(TYPE_HINT);
  });
});
