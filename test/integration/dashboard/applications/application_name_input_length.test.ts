import { describe, expect, it } from '@jest/globals';
import { MAX_APPLICATION_NAME_LENGTH } from '../../../../src/domain/application_name.js';
import { TENANT, useBothWays } from '../../same_rules/both_ways.js';

/**
 * The name rule counts code points (an emoji is one character) and a browser's maxlength counts
 * UTF-16 units (an emoji is two): the name input never cuts a name the rule takes, so the longest
 * name the Management API stores can be saved again from its page, and the server judges the length.
 */
describe('the application name input', () => {
  const both = useBothWays();
  const longest = '🏃'.repeat(MAX_APPLICATION_NAME_LENGTH);

  const maxLengthOf = (html: string) => Number(/<input id="name" name="name"[^>]* maxlength="(\d+)"/.exec(html)?.[1]);

  it('holds the longest name the rule takes, in UTF-16 units, on the settings and creation pages', async () => {
    const created = await both.api('post', '/clients', { name: longest, app_type: 'spa' }).expect(201);
    const page = `/manage/t/${TENANT}/applications/${encodeURIComponent(String((created.body as { client_id: string }).client_id))}`;

    expect(maxLengthOf((await both.agent().get(page).expect(200)).text)).toBeGreaterThanOrEqual(longest.length);
    expect(maxLengthOf((await both.agent().get(`/manage/t/${TENANT}/applications/new`).expect(200)).text)).toBeGreaterThanOrEqual(longest.length);

    const saved = await both.form(page, page, { name: longest, callbacks: '', allowed_logout_urls: '', web_origins: '', allowed_origins: '' });
    expect(saved.status).toBe(303);
  });

  it('leaves a name one character too long to the server, which says so', async () => {
    const page = `/manage/t/${TENANT}/applications/new`;
    const refused = await both.form(page, `/manage/t/${TENANT}/applications`, { name: `${longest}🏃`, app_type: 'spa' });
    expect(refused.status).toBe(400);
    expect(refused.text).toContain(`The name must be at most ${MAX_APPLICATION_NAME_LENGTH} characters`);
  });
});
