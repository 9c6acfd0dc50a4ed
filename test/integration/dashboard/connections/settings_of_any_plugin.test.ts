import { describe, expect, it } from '@jest/globals';
import { fakePlugin } from '../../../support/fake_plugin.js';
import { submitForm, useSignedInDashboard } from '../dashboard_harness.js';

/**
 * The dashboard with one plugin that is not Fitbit: its settings page, the connections list and the
 * getting-started checklist show what that plugin declares, and nothing of Fitbit or Google.
 */
describe('the dashboard of a plugin other than Fitbit', () => {
  const dashboard = useSignedInDashboard({ plugins: new Map([['acme', fakePlugin()]]), environment: { FITGATE_SANDBOX: 'on' } });
  const page = '/manage/t/default/social/acme';
  const formOf = (html: string) => {
    const start = html.indexOf(`<form method="post" action="${page}"`);
    return html.slice(start, html.indexOf('</form>', start));
  };

  it('offers the plugin’s APIs, its first chosen, each with its own hints and steps, and names no other upstream', async () => {
    const form = formOf((await dashboard.agent().get(page).expect(200)).text);
    expect(form).toContain('<input type="radio" name="api" value="acme-v2" checked> Acme API v2 (recommended)</label>');
    expect(form).toContain('<input type="radio" name="api" value="acme-v1"> Acme API v1</label>');
    expect(form).toMatch(/<div class="panel warning" role="note" data-api-hint="acme-v1">\s*<p>Acme v1 is retired at the end of the year.<\/p>/);
    expect(form).toContain('<h2>Register fitgate with Acme</h2>');
    expect(form).toContain('<h3 id="steps-acme-v1">For the Acme API v1</h3>');
    expect(form).toContain('<span data-api-hint="acme-v1"><span class="hint-label">Acme API v1: </span>the key of your Acme v1 app.</span>');
    expect(form).toContain('<span data-api-hint="acme-v2"><span class="hint-label">Acme API v2: </span>Acme v2 grants by area.</span>');
    expect(form).toContain('<strong>Activity</strong> <span class="hint" data-api-hint="acme-v2">Acme scope: acme.activity</span>');
    expect(form).toContain('<input type="checkbox" name="scope" value="steps" checked>');
    expect(form).not.toMatch(/google|fitbit/i);
  });

  it('saves an API the plugin declares and refuses another plugin’s', async () => {
    expect((await submitForm(dashboard.agent(), page, page, { api: 'acme-v1', client_id: 'acme-key', scope: ['weight'] })).status).toBe(303);
    const saved = await dashboard.harness().store.connections.getByName('default', 'acme');
    expect(saved).toMatchObject({ strategy: 'acme', options: { api: 'acme-v1', clientId: 'acme-key', scope: ['weight'] } });

    const refused = await submitForm(dashboard.agent(), page, page, { api: 'google-health', client_id: 'x', scope: ['steps'] });
    expect(refused.status).toBe(400);
    expect(refused.text).toContain('<p class="field-error" id="api-error">Choose which API this connection uses.</p>');
  });

  it('names the stored API as the plugin does in the connections list', async () => {
    const { text } = await dashboard.agent().get('/manage/t/default/social').expect(200);
    expect(text).toContain('<span class="hint">Acme API v1</span>');
  });

  it('draws the plugin’s own mark beside its name, on its page and in the list', async () => {
    const mark = (size: number) =>
      `<svg class="connection-mark" viewBox="0 0 32 32" width="${size}" height="${size}" aria-hidden="true" focusable="false"><rect width="32" height="32" rx="8" fill="#5b2a86"/><path d="M6 24l10-16 10 16"`;
    const settings = (await dashboard.agent().get(page).expect(200)).text;
    const list = (await dashboard.agent().get('/manage/t/default/social').expect(200)).text;
    expect(settings).toContain(mark(32));
    expect(list).toContain(mark(40));
    // Fitbit's teal tile is the Fitbit plugin's, not the host's.
    expect(settings + list).not.toContain('#00747f');
  });

  it('names the plugin’s upstream where the overview gives the callback URL to register', async () => {
    const { text } = await dashboard.agent().get('/manage/t/default').expect(200);
    expect(text).toContain('<dt>Callback URL to register at Acme</dt>');
  });

  it('leads the getting-started checklist to the plugin’s connection', async () => {
    const { text } = await dashboard.agent().get('/manage/t/default').expect(200);
    expect(text).toContain('Paste your Acme credentials, or keep the sandbox');
    expect(text).toMatch(new RegExp(`<form method="post" action="${page}/try" class="button-form"><input type="hidden" name="_csrf" value="[^"]+"><button type="submit" class="link-button">Try the connection</button>`));
    expect(text).toContain(`<a href="${page}/applications">Enable the connection for your application</a>`);
  });

  it('hints user ids of the plugin’s connection on the logs page', async () => {
    const { text } = await dashboard.agent().get('/manage/t/default/logs').expect(200);
    expect(text).toContain('<p class="hint" id="user-hint">The whole user ID, as <code>acme|...</code> (Users lists them).</p>');
    expect(text).toContain('<input id="user" name="user" type="search" value="" aria-describedby="user-hint">');
  });
});
