import { beforeAll, describe, expect, it } from '@jest/globals';
import { TENANT, useBothWays } from './both_ways.js';

/**
 * A connection's display_name follows one rule (domain/connection_display_name.ts): the Management API
 * stores it trimmed, takes spaces only (or "") as no display name, and refuses more than 128
 * characters or one that does not show; the dashboard labels a connection by it, else by its name,
 * so a connection never shows as a blank, even one stored with spaces only before the rule.
 */
const both = useBothWays();
const settings = `/manage/t/${TENANT}/social/fitbit`;

let connectionId: string;
let appPage: string;

/** The label of the connection's switch in the application's Connections section. */
async function dashboardLabel(): Promise<string | undefined> {
  const { text } = await both.agent().get(appPage).expect(200);
  return new RegExp(`<label for="connection-switch-${connectionId}" class="switch-label">([^<]*)</label>`).exec(text)?.[1];
}

const patchDisplayName = (displayName: string) => both.api('patch', `/connections/${encodeURIComponent(connectionId)}`, { display_name: displayName });

describe("a connection's display name, through the Management API and as the dashboard labels it", () => {
  beforeAll(async () => {
    expect((await both.form(settings, settings, { api: 'google-health', client_id: 'label.apps.googleusercontent.com', client_secret: 'label-secret', scope: ['activity'] })).status).toBe(303);
    connectionId = (await both.fitbitConnection()).id;
    const created = await both.api('post', '/clients', { name: 'Labelled app', app_type: 'regular_web' }).expect(201);
    appPage = `/manage/t/${TENANT}/applications/${encodeURIComponent(String((created.body as { client_id: string }).client_id))}`;
  });

  it('stores it trimmed, and the dashboard shows it so', async () => {
    const answered = await patchDisplayName('  Fitbit (staff) \n').expect(200);
    expect((answered.body as { display_name?: string }).display_name).toBe('Fitbit (staff)');
    expect((await both.fitbitConnection()).displayName).toBe('Fitbit (staff)');
    expect(await dashboardLabel()).toBe('Fitbit (staff)');
  });

  it.each([['spaces only', '   '], ['nothing', '']])('takes %s as no display name: none is stored, and the dashboard shows the name', async (_case, sent) => {
    await patchDisplayName('Before').expect(200);
    const answered = await patchDisplayName(sent).expect(200);
    expect(answered.body).not.toHaveProperty('display_name');
    expect((await both.fitbitConnection()).displayName).toBeUndefined();
    expect(await dashboardLabel()).toBe('fitbit');
  });

  it('shows the name for a display name of spaces only stored before the rule', async () => {
    const stored = await both.fitbitConnection();
    await both.harness().store.connections.update({ ...stored, displayName: '  \t ' });
    expect(await dashboardLabel()).toBe('fitbit');
  });

  it('counts 128 characters as a person does, an emoji as one, and refuses the 129th', async () => {
    await patchDisplayName('🏃'.repeat(128)).expect(200);
    const refused = await patchDisplayName('a'.repeat(129)).expect(400);
    expect((refused.body as { message: string }).message).toBe("Payload validation error: 'Must be at most 128 characters' on property display_name.");
  });

  it('refuses a character that does not show, naming it, and keeps the stored one', async () => {
    await patchDisplayName('Kept').expect(200);
    const refused = await patchDisplayName('Fit\u202Ebit').expect(400);
    expect((refused.body as { message: string }).message).toBe(
      "Payload validation error: 'Must not contain character 4, a bidirectional text control (U+202E), an invisible character copied with it' on property display_name.",
    );
    expect((await both.fitbitConnection()).displayName).toBe('Kept');
  });
});
