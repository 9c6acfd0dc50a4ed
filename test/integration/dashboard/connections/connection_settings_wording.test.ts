import { describe, expect, it } from '@jest/globals';
import { connectionPlugins } from '../../../../src/connections/registry.js';
import { useSignedInDashboard } from '../dashboard_harness.js';

/** The Fitbit settings page reads as written text: abbreviations in capitals, hints as sentences. */
describe('the wording of the Fitbit connection settings page', () => {
  const dashboard = useSignedInDashboard({ plugins: connectionPlugins() });
  const page = '/manage/t/default/social/fitbit';
  const text = async () => (await dashboard.agent().get(page).expect(200)).text;

  it('heads the ECG and IRN areas in capitals', async () => {
    const html = await text();
    expect(html).toContain('<strong>ECG</strong>');
    expect(html).toContain('<strong>IRN</strong>');
    expect(html).not.toMatch(/<strong>(Ecg|Irn)<\/strong>/);
  });

  it('starts every hint of an API with a capital letter', async () => {
    const hints = [...(await text()).matchAll(/<span class="hint-label">[^<]*<\/span>([^<]*)<\/span>/g)].map((match) => match[1] ?? '');
    expect(hints.length).toBeGreaterThanOrEqual(6);
    expect(hints.filter((hint) => !/^[A-Z]/.test(hint))).toEqual([]);
  });

  it('says the area without an equivalent is not requested, with no space before the colon, as a hint of the Google Health API only', async () => {
    expect(await text()).toContain('<strong>No Google Health equivalent</strong><span class="hint" data-api-hint="google-health">: not requested with the Google Health API, even when ticked.</span>');
  });

  it('asks for the Google scopes of the areas ticked instead of listing every scope as requested', async () => {
    const html = await text();
    expect(html).toContain('for each area whose permissions you tick for this connection, the Google scope shown beside that area among the permissions');
    expect(html).not.toContain('add the scopes this connection requests');
  });
});
