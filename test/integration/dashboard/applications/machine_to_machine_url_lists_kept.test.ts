import { describe, expect, it } from '@jest/globals';
import { TENANT, useBothWays } from '../../same_rules/both_ways.js';
import { settingsFormAsRendered } from '../../same_rules/settings_form_as_rendered.js';

/**
 * Saving an application's settings page never erases the URL lists the page does not show. A
 * machine-to-machine application's page shows none, yet the Management API may have set them: they
 * matter again if its type is changed back, and allowed_origins are /oauth/token's CORS origins for
 * every type. A page without one of the fields (opened before it existed) keeps that list as well.
 */
describe('URL lists a settings page does not show', () => {
  const both = useBothWays();
  const apps = `/manage/t/${TENANT}/applications`;
  const lists = {
    callbacks: ['https://app.example/cb'],
    allowed_logout_urls: ['https://app.example/bye'],
    web_origins: ['https://app.example'],
    allowed_origins: ['https://tools.example'],
  };

  async function createdThroughApi(appType: string): Promise<{ clientId: string; page: string }> {
    const created = await both.api('post', '/clients', { name: 'Lists', app_type: appType, ...lists }).expect(201);
    const clientId = String((created.body as { client_id: string }).client_id);
    return { clientId, page: `${apps}/${encodeURIComponent(clientId)}` };
  }

  const answered = async (clientId: string) => (await both.api('get', `/clients/${encodeURIComponent(clientId)}`).expect(200)).body as Record<string, unknown>;

  it("keeps every list when a machine-to-machine application's page is renamed, as rendered and with the fields forged in", async () => {
    const { clientId, page } = await createdThroughApi('non_interactive');
    const rendered = settingsFormAsRendered((await both.agent().get(page).expect(200)).text);
    expect(Object.keys(rendered).sort()).toEqual(['grant_types', 'grant_types_held', 'grant_types_shown', 'name']);

    expect((await both.form(page, page, { ...rendered, name: 'Lists, renamed' })).status).toBe(303);
    expect(await answered(clientId)).toMatchObject({ name: 'Lists, renamed', ...lists });

    const forged = { name: 'Lists, forged', callbacks: '', allowed_logout_urls: '', web_origins: '', allowed_origins: '' };
    expect((await both.form(page, page, forged)).status).toBe(303);
    expect(await answered(clientId)).toMatchObject({ name: 'Lists, forged', ...lists });
  });

  it('keeps a list whose field the form leaves out, and clears one sent empty', async () => {
    const { clientId, page } = await createdThroughApi('spa');

    expect((await both.form(page, page, { name: 'Lists', callbacks: 'https://app.example/new', web_origins: '' })).status).toBe(303);

    expect(await answered(clientId)).toMatchObject({ ...lists, callbacks: ['https://app.example/new'], web_origins: [] });
  });
});
