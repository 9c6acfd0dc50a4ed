import { describe, expect, it, jest } from '@jest/globals';
import { approveUrl, DEMO } from '../../../support/emulator.js';
import { submitForm } from '../dashboard_harness.js';
import { configureFitbit, continueUrlOf, finishTry, followUpstream, useTrySetup } from '../try_helpers.js';

const SETTINGS = '/manage/t/default/social/fitbit';

/**
 * The settings page's Try belongs to the settings form: it tries what the form shows, saved first,
 * instead of the settings saved before and the edits lost. A form that Save would refuse comes back
 * the same way, and nothing is tried.
 */
describe('Try on the settings page', () => {
  const setup = useTrySetup();
  const stored = async () => (await setup.harness().store.connections.getByName('default', 'fitbit'))?.options;
  const authorizeRequests = (api: 'google-health' | 'fitbit-legacy') => setup.emulator().control.counters()[api].authorizeRequests;
  const configChanges = async () => (await setup.harness().store.logs.list('default', { type: 'sapi', page: 0, perPage: 100 })).total;
  const tryWith = (fields: Record<string, string | string[]>) => submitForm(setup.agent(), SETTINGS, SETTINGS, { scope: ['activity', 'profile'], ...fields, then: 'try' });

  it('is the settings form’s own button, after Save, and the page has no other Try', async () => {
    await configureFitbit(setup.harness(), { api: 'google-health', ...DEMO.googleServer });
    const { text } = await setup.agent().get(SETTINGS).expect(200);
    const form = text.slice(text.indexOf(`<form method="post" action="${SETTINGS}" class="api-form"`), text.indexOf('</form>', text.indexOf('class="api-form"')));
    expect(form).toContain('<button type="submit" name="then" value="try" class="secondary">Try</button>');
    // Save comes first in the form, so Enter in a field saves rather than tries.
    expect(form.indexOf('<button type="submit">Save</button>')).toBeLessThan(form.indexOf('value="try"'));
    expect(text).not.toContain(`action="${SETTINGS}/try"`);
  });

  it('saves the API, Client ID and secret typed, then tries them', async () => {
    await configureFitbit(setup.harness(), { api: 'google-health', ...DEMO.googleServer });
    const started = await tryWith({ api: 'fitbit-legacy', client_id: DEMO.legacyServer.clientId, client_secret: DEMO.legacyServer.clientSecret });
    expect(started.status).toBe(200);
    const authorizeUrl = continueUrlOf(started.text);
    expect(authorizeUrl.startsWith(`${setup.emulator().url}/www.fitbit.com/`)).toBe(true);
    expect(new URL(authorizeUrl).searchParams.get('client_id')).toBe(DEMO.legacyServer.clientId);
    expect(await stored()).toMatchObject({ api: 'fitbit-legacy', clientId: DEMO.legacyServer.clientId });

    const page = await finishTry(setup.agent(), await followUpstream(approveUrl(authorizeUrl, { user: 'alice' })));
    expect(page).toContain('It works!');
    expect(page).toContain('Legacy Fitbit Web API');
  });

  it('tries a legacy "Client" app pasted over a "Server" app without the Server app’s secret', async () => {
    await configureFitbit(setup.harness(), { api: 'fitbit-legacy', ...DEMO.legacyServer });
    const started = await tryWith({ api: 'fitbit-legacy', client_id: DEMO.legacyClient.clientId, client_secret: '' });
    expect(started.status).toBe(200);
    expect((await stored())?.clientSecret).toBeUndefined();

    // The token request of a public client carries no secret: the old one would have been refused.
    const page = await finishTry(setup.agent(), await followUpstream(approveUrl(continueUrlOf(started.text), { user: 'alice' })));
    expect(page).toContain('It works!');
  });

  it('comes back refused, as Save does, and tries nothing', async () => {
    await configureFitbit(setup.harness(), { api: 'google-health', ...DEMO.googleServer });
    const before = await stored();
    const put = jest.spyOn(setup.harness().store.ephemeral, 'put');
    const asked = authorizeRequests('google-health');
    try {
      const refused = await tryWith({ api: 'google-health', client_id: DEMO.googleServer.clientId, client_secret: '', scope: [] });
      expect(refused.status).toBe(400);
      expect(refused.text).toContain('<p class="field-error" id="scope-error">Permissions: must list at least one permission</p>');
      expect(refused.text).not.toContain('http-equiv="refresh"');
      expect(put.mock.calls.filter(([kind]) => kind === 'try_transaction' || kind === 'try_report')).toEqual([]);
    } finally {
      put.mockRestore();
    }
    expect(authorizeRequests('google-health')).toBe(asked);
    expect(await stored()).toEqual(before);
  });

  it('saves nothing when nothing changed, and still tries', async () => {
    await configureFitbit(setup.harness(), { api: 'google-health', ...DEMO.googleServer });
    const changes = await configChanges();
    const started = await tryWith({ api: 'google-health', client_id: DEMO.googleServer.clientId, client_secret: '', profile_sync: 'on' });
    expect(started.status).toBe(200);
    expect(continueUrlOf(started.text)).toContain(encodeURIComponent(DEMO.googleServer.clientId));
    expect(await configChanges()).toBe(changes);
  });
});
