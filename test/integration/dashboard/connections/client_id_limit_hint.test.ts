import { describe, expect, it } from '@jest/globals';
import { connectionPlugins } from '../../../../src/connections/registry.js';
import { useSignedInDashboard } from '../dashboard_harness.js';

/**
 * A browser stops a paste at an input's maxlength without a word, and a Client ID cut so is saved
 * as a wrong one. The Client ID field's hint, which the field is described by, says its limit, the
 * very number the field holds to, so a cut paste can be noticed beside it.
 */
describe('the limit of the Client ID field, said beside it', () => {
  const dashboard = useSignedInDashboard({ plugins: connectionPlugins() });

  it('names in its hint the number of characters the field holds to', async () => {
    const { text } = await dashboard.agent().get('/manage/t/default/social/fitbit').expect(200);
    const input = /<input id="client_id" name="client_id"[^>]*>/.exec(text)?.[0] ?? '';
    const maxLength = /maxlength="(\d+)"/.exec(input)?.[1];
    expect(maxLength).toBeDefined();
    expect(input).toMatch(/aria-describedby="client_id-hint"/);

    const hint = /<p class="hint" id="client_id-hint">([\s\S]*?)<\/p>/.exec(text)?.[1] ?? '';
    expect(hint).toContain(`Up to ${maxLength} characters.`);
  });
});
