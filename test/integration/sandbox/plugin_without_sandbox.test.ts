import { beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { fakePlugin } from '../../support/fake_plugin.js';
import { HOST, submitForm, useSignedInDashboard } from '../dashboard/dashboard_harness.js';
import { pressTryToFailure } from '../dashboard/try_helpers.js';

/**
 * FITGATE_SANDBOX on, and one plugin, Acme (the test plugin), which brings no sandbox
 * (ConnectionPlugin.sandbox absent): the sandbox then plays nothing. Its connection without
 * credentials is not set up, as with the sandbox off: no sandbox is offered for it, and a TRY of it
 * says what is missing instead of failing.
 */
describe('a plugin without a sandbox, with the sandbox on', () => {
  const dashboard = useSignedInDashboard({ plugins: new Map([['acme', fakePlugin()]]), environment: { FITGATE_SANDBOX: 'on' } });
  const social = '/manage/t/default/social';

  beforeAll(async () => {
    const saved = await submitForm(dashboard.agent(), `${social}/acme`, `${social}/acme`, { api: 'acme-v2', client_id: '', client_secret: '', scope: ['steps'] });
    expect(saved.status).toBe(303);
  });

  it('lists the connection as needing a Client ID, with no sandbox and no TRY', async () => {
    const { text } = await dashboard.agent().get(social).expect(200);
    const start = text.indexOf(`<a href="${social}/acme">`);
    expect(start).toBeGreaterThan(0);
    const entry = text.slice(start, text.indexOf('</li>', start));
    expect(entry).toContain('>Needs a Client ID</span>');
    expect(entry).not.toContain('Sandbox');
    expect(entry).not.toContain('/try"');
  });

  it('offers no sandbox on the settings page: the Client ID is not said to be optional', async () => {
    const { text } = await dashboard.agent().get(`${social}/acme`).expect(200);
    expect(text).not.toContain('Leave it empty to use the sandbox.');
    expect(text).not.toContain('runs in <strong>sandbox</strong> mode');
  });

  it('answers a TRY with what is missing, and no sandbox banner', async () => {
    const { text } = await pressTryToFailure(dashboard.agent(), 'default', 'acme');
    expect(text).toContain('The connection &quot;acme&quot; has no upstream client id yet; an administrator must configure it.');
    expect(text).not.toContain('Sandbox:');
  });

  it('serves no emulator under /_sandbox', async () => {
    const answer = await request(dashboard.harness().app).get('/_sandbox/auth.acme.example/authorize').set('Host', HOST);
    expect(answer.status).toBe(404);
    expect(answer.text).not.toContain('Acme');
  });
});
