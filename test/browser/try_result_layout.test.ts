import { beforeAll, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { LONG_BROWSER_TIMEOUT_MS, describeWithBrowser, screenshot } from '../support/browser.js';
import { useEmulator } from '../support/use_emulator.js';
import { useSignedInDashboard } from './browser_fitgate.js';

/**
 * The TRY result reads on a phone and on a laptop: no permission name and no callback parameter
 * name is broken over lines (the granted permissions once came out one letter a line at 375 px, and
 * the parameters table squeezed its names into "Par/ame/ter" at every width).
 */
const UPSTREAM_CLIENT = { clientId: 'layout.apps.googleusercontent.com', clientSecret: 'GOCSPX-layout-secret-0123456789' };

/** How many lines each element's text takes, keyed by its text (run as a string: the tests' types know no DOM). */
async function linesOf(page: Page, selector: string): Promise<Record<string, number>> {
  return (await page.evaluate(`Object.fromEntries([...document.querySelectorAll(${JSON.stringify(selector)})].map((element) => {
    const range = document.createRange();
    range.selectNodeContents(element);
    const tops = new Set([...range.getClientRects()].filter((rect) => rect.width > 0).map((rect) => Math.round(rect.top)));
    return [element.textContent, tops.size];
  }))`)) as Record<string, number>;
}

describeWithBrowser('the TRY result at phone and laptop width', () => {
  const emulator = useEmulator({ resetAfterEach: false });
  const dashboard = useSignedInDashboard({ environment: () => ({ FITGATE_UPSTREAM_BASE_URL: emulator.url }), timeoutMs: LONG_BROWSER_TIMEOUT_MS });

  beforeAll(async () => {
    const { page, fitgate } = dashboard;
    emulator.control.registerApp({ ...UPSTREAM_CLIENT, type: 'server', api: 'google-health', redirectUris: [`${fitgate.url}/login/callback`], name: 'Layout' });
    const settings = `${fitgate.url}/manage/t/default/social/fitbit`;
    await page.goto(settings);
    await page.getByLabel('Client ID').fill(UPSTREAM_CLIENT.clientId);
    await page.getByLabel('Client Secret').fill(UPSTREAM_CLIENT.clientSecret);
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Settings saved.').waitFor();
    await page.getByRole('button', { name: 'Try', exact: true }).click();
    await page.getByLabel('Sign in as test user').selectOption('alice');
    await page.getByRole('button', { name: 'Allow' }).click();
    await page.getByRole('heading', { name: 'It works!' }).waitFor();
  }, LONG_BROWSER_TIMEOUT_MS);

  for (const width of [375, 1280]) {
    it(`keeps each granted permission and each callback parameter name on one line at ${width} px`, async () => {
      const { page } = dashboard;
      await page.setViewportSize({ width, height: 900 });
      await screenshot(page, `try-result-layout-${width}`);

      const permissions = await linesOf(page, '.chips code');
      expect(Object.keys(permissions)).toEqual(expect.arrayContaining(['activity', 'heartrate', 'oxygen_saturation']));
      expect(Object.entries(permissions).filter(([, lines]) => lines > 1)).toEqual([]);

      const names = await linesOf(page, 'table.key-value tr > :first-child');
      expect(Object.keys(names)).toEqual(expect.arrayContaining(['Parameter', 'code', 'state']));
      expect(Object.entries(names).filter(([, lines]) => lines > 1)).toEqual([]);
    });
  }

  it('offers the next steps under the result, and keeps the long JSON folded', async () => {
    const { page, fitgate } = dashboard;
    await page.setViewportSize({ width: 1280, height: 900 });
    const tryAgain = page.getByRole('button', { name: 'Try again' });
    expect(await tryAgain.count()).toBe(2);
    // The first is in the first screenful, above the profile.
    const first = await tryAgain.first().boundingBox();
    const profile = await page.getByRole('heading', { name: 'Profile', exact: true }).boundingBox();
    expect(first!.y).toBeLessThan(profile!.y);
    expect(first!.y).toBeLessThan(900);
    const next = page.getByRole('link', { name: /^Next: .*Fitbit.* →$/ }).first();
    expect(await next.getAttribute('href')).toBe('/manage/t/default/social/fitbit/applications');
    expect(new URL(page.url()).origin).toBe(fitgate.url);
    const folded = await page.locator('details.json').evaluateAll((all) => all.map((details) => (details as { open: boolean }).open));
    expect(folded.length).toBeGreaterThanOrEqual(3);
    expect(folded.every((open) => !open)).toBe(true);
  });
});
