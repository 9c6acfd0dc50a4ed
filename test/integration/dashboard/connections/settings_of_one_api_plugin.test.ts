import { describe, expect, it } from '@jest/globals';
import type { ConnectionPlugin } from '../../../../src/connections/plugin.js';
import { fakePlugin } from '../../../support/fake_plugin.js';
import { type Agent, useSignedInDashboard } from '../dashboard_harness.js';

/**
 * A plugin with one API, registered the way Strava registers a client: by the callback's domain,
 * not its whole URL. Built here from the shared Acme plugin, which has two APIs.
 */
function soloPlugin(): ConnectionPlugin {
  const base = fakePlugin();
  return {
    ...base,
    strategy: 'solo',
    displayName: 'Solo',
    apis: [
      {
        id: 'solo-v3',
        name: 'Solo API v3',
        warning: 'Solo API v3 is in beta: Solo may change it without notice.',
        clientIdHint: 'The client ID on your Solo settings page.',
        permissionsHint: 'Solo grants each permission on its own.',
      },
    ],
    parseSettings(input) {
      const given = (input ?? {}) as { api?: unknown };
      if (given.api !== undefined && given.api !== 'solo-v3') return { ok: false, issues: [{ field: 'api', message: 'must be "solo-v3"' }] };
      const parsed = base.parseSettings({ ...given, api: 'acme-v1' });
      return parsed.ok ? { ok: true, value: { ...parsed.value, api: 'solo-v3' } } : parsed;
    },
    setupSteps: (_api, callbackUrl) => [
      '1. Open https://developer.solo.example/settings and create an application.',
      `2. Set "Authorization Callback Domain" to ${new URL(callbackUrl).host} (the domain only).`,
    ],
    wording: () => ({ name: 'Solo', gone: 'Solo API v3 is retired.' }),
  };
}

describe('the settings page of a plugin with one API', () => {
  const dashboard = useSignedInDashboard({
    plugins: new Map([
      ['solo', soloPlugin()],
      ['acme', fakePlugin()],
    ]),
  });
  const page = '/manage/t/default/social/solo';
  const formOf = (html: string, action = page) => {
    const start = html.indexOf(`<form method="post" action="${action}"`);
    expect(start).toBeGreaterThanOrEqual(0);
    return html.slice(start, html.indexOf('</form>', start));
  };
  const hiddenFields = (form: string) => Object.fromEntries([...form.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)].map((match) => [match[1]!, match[2]!]));
  /** Posts the page's form as a browser would: its hidden fields as rendered, and `fields` as typed. */
  const post = async (agent: Agent, fields: Record<string, string>, drop: string[] = []) => {
    const hidden = hiddenFields(formOf((await agent.get(page).expect(200)).text));
    for (const name of drop) delete hidden[name];
    return agent.post(page).type('form').send(new URLSearchParams({ ...hidden, ...fields }).toString());
  };

  it('offers no choice of API, and starts the numbered steps at registering', async () => {
    const form = formOf((await dashboard.agent().get(page).expect(200)).text);
    expect(form).not.toContain('Choose the API');
    expect(form).not.toContain('type="radio"');
    const steps = form.slice(form.indexOf('<ol class="setup-steps">'));
    expect(steps.match(/<h2>[^<]*<\/h2>/g)).toEqual([
      '<h2>Register fitgate with Solo</h2>',
      '<h2>Paste the credentials</h2>',
      '<h2>Pick permissions</h2>',
      '<h2>Save</h2>',
      '<h2>Try it</h2>',
    ]);
  });

  it('still shows the one API’s warning, with no API step to carry it', async () => {
    const form = formOf((await dashboard.agent().get(page).expect(200)).text);
    expect(form).toMatch(/<h2>Register fitgate with Solo<\/h2>\s*<div class="panel warning" role="note">\s*<p>Solo API v3 is in beta: Solo may change it without notice.<\/p>/);
  });

  it('shows the callback URL with no claim of its own on how it is registered, and the plugin’s steps saying it', async () => {
    const form = formOf((await dashboard.agent().get(page).expect(200)).text);
    expect(form).toContain('<p>Callback URL, to register as the steps below say:</p>');
    expect(form).toContain('<code id="callback-url">http://localhost:3000/login/callback</code>');
    expect(form).toContain('2. Set &quot;Authorization Callback Domain&quot; to localhost:3000 (the domain only).');
    expect(form).not.toMatch(/exact|redirect URI/i);
  });

  it('submits its one API with the form, behind the same CSRF token, and saves it', async () => {
    const form = formOf((await dashboard.agent().get(page).expect(200)).text);
    expect(hiddenFields(form)).toEqual({ _csrf: expect.stringMatching(/.+/), api: 'solo-v3' });

    const saved = await post(dashboard.agent(), { client_id: 'solo-client', client_secret: 'solo-secret', scope: 'distance' });
    expect(saved.status).toBe(303);
    expect(await dashboard.harness().store.connections.getByName('default', 'solo')).toMatchObject({ options: { api: 'solo-v3', clientId: 'solo-client', scope: ['distance'] } });

    const forged = await post(dashboard.agent(), { client_id: 'forged' }, ['_csrf']);
    expect(forged.status).toBe(403);
    expect((await dashboard.harness().store.connections.getByName('default', 'solo'))?.options.clientId).toBe('solo-client');
  });

  it('says so on the page when a post names no API, rather than refusing it out of sight', async () => {
    const refused = await post(dashboard.agent(), { client_id: 'other', scope: 'steps' }, ['api']);
    expect(refused.status).toBe(400);
    expect(formOf(refused.text)).toContain('<p class="field-error" id="api-error">Choose which API this connection uses.</p>');
    expect((await dashboard.harness().store.connections.getByName('default', 'solo'))?.options.clientId).toBe('solo-client');
  });

  it('keeps the API step, and no hidden API, for a plugin with several', async () => {
    const form = formOf((await dashboard.agent().get('/manage/t/default/social/acme').expect(200)).text, '/manage/t/default/social/acme');
    expect(form).toContain('<h2>Choose the API</h2>');
    expect(form).toContain('<input type="radio" name="api" value="acme-v2" checked>');
    expect(hiddenFields(form)).not.toHaveProperty('api');
  });
});
