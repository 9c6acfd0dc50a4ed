import { describe, expect, it } from '@jest/globals';
import { connectionPlugins } from '../../../../src/connections/registry.js';
import { useSignedInDashboard } from '../dashboard_harness.js';

/**
 * The Fitbit settings in the order of Auth0's guide: register upstream with this callback URL,
 * then credentials, permissions, save, TRY; console links are links; permissions are grouped by
 * the Google area that grants them; both modes' hints are in the page, labelled, for the script
 * (or, without it, the reader) to pick from.
 */
describe('the order of the Fitbit connection settings', () => {
  const dashboard = useSignedInDashboard({ plugins: connectionPlugins() });
  const page = '/manage/t/default/social/fitbit';

  const positions = (text: string, needles: string[]) => needles.map((needle) => text.indexOf(needle));

  it('leads with the callback URL and the console steps, then credentials, permissions, Save and Try', async () => {
    const { text } = await dashboard.agent().get(page).expect(200);
    const order = positions(text, ['<h2>Choose the API</h2>', 'id="callback-url"', 'id="steps-google-health"', 'id="client_id"', '<legend>Permissions</legend>', '<h2>Save</h2>', '<h2>Try it</h2>']);
    expect(order.every((at) => at >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });

  it('makes the consoles real links and leaves the callback URL to be copied', async () => {
    const { text } = await dashboard.agent().get(page).expect(200);
    expect(text).toContain('<a href="https://console.cloud.google.com/" rel="noopener" target="_blank">https://console.cloud.google.com/</a>');
    expect(text).toContain('<a href="https://dev.fitbit.com/apps" rel="noopener" target="_blank">https://dev.fitbit.com/apps</a>');
    expect(text).not.toContain('<a href="http://localhost:3000/login/callback"');
  });

  it('labels each mode\'s hints so that the script can switch them and a reader without it can tell them apart', async () => {
    const { text } = await dashboard.agent().get(page).expect(200);
    expect(text).toContain('<script src="/static/dashboard/dashboard.js" defer></script>');
    expect(text).toMatch(/data-api-hint="google-health"><span class="hint-label">Google Health API: <\/span>The OAuth client ID of your Google Cloud project/);
    expect(text).toMatch(/data-api-hint="fitbit-legacy"><span class="hint-label">Legacy Fitbit Web API: <\/span>The OAuth 2.0 Client ID of your app at dev.fitbit.com/);
  });

  it('groups the permissions under the Google area that grants them and says Google grants by area', async () => {
    const { text } = await dashboard.agent().get(page).expect(200);
    expect(text).toContain('Google grants by area, not by permission');
    const area = text.slice(text.indexOf('<strong>Health metrics and measurements</strong>'));
    const nextArea = area.indexOf('class="permission-area"');
    const inArea = area.slice(0, nextArea);
    for (const name of ['heartrate', 'oxygen_saturation', 'respiratory_rate', 'temperature', 'weight']) expect(inArea).toContain(`value="${name}"`);
    expect(inArea).not.toContain('value="sleep"');
  });
});
