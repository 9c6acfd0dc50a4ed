import { describe, expect, it } from '@jest/globals';
import { connectionPlugins } from '../../../../src/connections/registry.js';
import { submitForm, useSignedInDashboard } from '../dashboard_harness.js';

/**
 * A Client ID and its Client Secret are saved together or not at all, where the API's token step
 * needs the secret: a half-configured connection would leave the sandbox and fail every real login.
 */
describe('saving the credentials of a Fitbit connection', () => {
  const dashboard = useSignedInDashboard({ plugins: connectionPlugins(), environment: { FITGATE_SANDBOX: 'on' } });
  const page = '/manage/t/default/social/fitbit';
  const stored = async () => (await dashboard.harness().store.connections.getByName('default', 'fitbit'))?.options;
  const save = (fields: Record<string, string | string[]>) => submitForm(dashboard.agent(), page, page, { api: 'google-health', scope: ['activity'], ...fields });

  it('starts in the sandbox', async () => {
    expect((await save({ client_id: '', client_secret: '' })).status).toBe(303);
    expect((await dashboard.agent().get(page).expect(200)).text).toContain('runs in <strong>sandbox</strong> mode');
  });

  it('refuses a Google Client ID without a secret, next to the secret, and stays in the sandbox', async () => {
    const refused = await save({ client_id: 'abc.apps.googleusercontent.com', client_secret: '' });
    expect(refused.status).toBe(400);
    expect(refused.text).toMatch(/<p class="field-error" id="client_secret-error">Client Secret: is required with a Client ID for the Google Health API,/);
    expect(refused.text).not.toContain('Settings saved.');
    expect((await stored())?.clientId).toBeUndefined();
    expect((await dashboard.agent().get(page).expect(200)).text).toContain('runs in <strong>sandbox</strong> mode');
  });

  it('refuses a secret without a Client ID, next to the Client ID, instead of dropping it', async () => {
    const refused = await save({ client_id: '', client_secret: 'bogus' });
    expect(refused.status).toBe(400);
    expect(refused.text).toMatch(/<p class="field-error" id="client_id-error">Client ID: is required with a client secret/);
    expect(refused.text).not.toContain('bogus');
    expect((await stored())?.clientSecret).toBeUndefined();
  });

  it('accepts a legacy Client ID without a secret: a Fitbit "Client" app has none', async () => {
    expect((await save({ api: 'fitbit-legacy', client_id: '23PUBL', client_secret: '' })).status).toBe(303);
    expect(await stored()).toMatchObject({ api: 'fitbit-legacy', clientId: '23PUBL' });
    expect((await stored())?.clientSecret).toBeUndefined();
  });

  it('keeps asking for the secret when that legacy client switches to Google Health', async () => {
    const refused = await save({ client_id: '23PUBL', client_secret: '' });
    expect(refused.status).toBe(400);
    expect(refused.text).toContain('id="client_secret-error"');
    expect((await stored())?.api).toBe('fitbit-legacy');
  });

  it('takes a blank secret as "keep the stored one" once a secret is stored', async () => {
    expect((await save({ client_id: 'abc.apps.googleusercontent.com', client_secret: 'GOCSPX-kept' })).status).toBe(303);
    const sealed = (await stored())?.clientSecret;
    expect((await save({ client_id: 'abc.apps.googleusercontent.com', client_secret: '', scope: ['activity', 'sleep'] })).status).toBe(303);
    expect(await stored()).toMatchObject({ clientSecret: sealed, scope: ['activity', 'sleep'] });
  });
});
