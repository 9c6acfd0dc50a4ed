import { describe, expect, it } from '@jest/globals';
import { connectionPlugins } from '../../../../src/connections/registry.js';
import { createClient } from '../../../../src/domain/clients.js';
import { submitForm, useSignedInDashboard } from '../dashboard_harness.js';

/** Authentication → Social, as Auth0's guide shows it: the mark, the status, the applications and TRY. */
describe('the social connections list', () => {
  const dashboard = useSignedInDashboard({ plugins: connectionPlugins(), environment: { FITGATE_SANDBOX: 'on' } });
  const list = '/manage/t/default/social';
  const settings = `${list}/fitbit`;

  it('offers no TRY for a connection that is not set up', async () => {
    const { text } = await dashboard.agent().get(list).expect(200);
    expect(text).toContain('class="connection-mark"');
    expect(text).toContain('Not set up');
    expect(text).not.toContain(`action="${settings}/try"`);
  });

  it('shows a sandbox connection with its status, its enabled applications by name and a TRY button', async () => {
    const harness = dashboard.harness();
    const { client } = await createClient(harness.store.clients, { tenant: 'default', name: 'Step Counter', appType: 'regular_web', callbacks: ['https://steps.example/cb'] });
    const saved = await submitForm(dashboard.agent(), settings, settings, { api: 'google-health', client_id: '', client_secret: '', scope: ['activity', 'profile'] });
    expect(saved.status).toBe(303);
    const connection = (await harness.store.connections.getByName('default', 'fitbit'))!;
    await harness.store.connections.update({ ...connection, enabledClients: [client.clientId] });

    const { text } = await dashboard.agent().get(list).expect(200);
    expect(text).toContain('>Sandbox</span>');
    expect(text).toContain('Enabled for: Step Counter');
    // A form posting the session's CSRF token: starting a TRY calls the upstream, which no link elsewhere may make happen.
    expect(text).toMatch(new RegExp(`<form method="post" action="${settings}/try" class="button-form">\\s*<input type="hidden" name="_csrf" value="[^"]+">\\s*<button type="submit" aria-label="Try Fitbit">Try</button>`));
  });

  it('does not show a connection on an API its plugin warns about as healthy, and gives the plugin’s warning', async () => {
    const saved = await submitForm(dashboard.agent(), settings, settings, { api: 'fitbit-legacy', client_id: '23LIST', client_secret: 'legacy-list-secret', scope: ['activity'] });
    expect(saved.status).toBe(303);
    const { text } = await dashboard.agent().get(list).expect(200);
    expect(text).toContain('<span class="badge badge-warning">Needs attention</span>');
    expect(text).not.toContain('>Configured</span>');
    expect(text).toContain('<p class="connection-warning" role="note"><strong>Legacy Fitbit Web API:</strong> Fitbit turned the legacy Web API off on 2026-11-02.');
  });

  it('shows a configured connection with its API and a TRY button', async () => {
    const saved = await submitForm(dashboard.agent(), settings, settings, {
      api: 'google-health',
      client_id: 'list-test.apps.googleusercontent.com',
      client_secret: 'GOCSPX-list-test',
      scope: ['activity'],
    });
    expect(saved.status).toBe(303);
    const { text } = await dashboard.agent().get(list).expect(200);
    expect(text).toContain('<span class="badge badge-on">Configured</span>');
    expect(text).toContain('Google Health API');
    expect(text).not.toContain('connection-warning');
    expect(text).toContain(`action="${settings}/try"`);
    expect(text).not.toContain('GOCSPX-list-test');
  });
});
