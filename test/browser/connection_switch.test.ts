import { expect, it } from '@jest/globals';
import { BROWSER_TIMEOUT_MS, describeWithBrowser, screenshot } from '../support/browser.js';
import { useSignedInDashboard } from './browser_fitgate.js';
import { useDashboardApplication } from './dashboard_application.js';

/**
 * The per-application switch on a connection's Applications tab: a switch with its name and state
 * read out, saved at once without leaving the page, and confirmed beside it.
 */

describeWithBrowser('enabling a connection with a switch', () => {
  const dashboard = useSignedInDashboard();
  const stepCounter = useDashboardApplication(dashboard, 'Step Counter');

  it(
    'reads out as a switch with its name and state, saves at once in place and confirms',
    async () => {
      const { page, fitgate, errors } = dashboard;
      const { clientId } = stepCounter;
      const tab = `${fitgate.url}/manage/t/default/social/fitbit/applications`;
      await page.goto(tab);
      const toggle = page.getByRole('switch', { name: 'Step Counter' });
      expect(await toggle.isChecked()).toBe(false);
      expect(await page.getByRole('button', { name: 'Save' }).isVisible()).toBe(false);

      await toggle.click();
      await page.getByRole('status').filter({ hasText: 'Enabled for Step Counter.' }).waitFor();
      expect(await toggle.isChecked()).toBe(true);
      expect(page.url()).toBe(tab);
      expect(await stepCounter.fitbitEnabledClients()).toEqual([clientId]);
      expect(await page.locator('main').ariaSnapshot()).toContain('switch "Step Counter" [checked]');
      await screenshot(page, 'connection-switch-on');

      await toggle.press('Space');
      await page.getByRole('status').filter({ hasText: 'Disabled for Step Counter.' }).waitFor();
      expect(await toggle.isChecked()).toBe(false);
      expect(await stepCounter.fitbitEnabledClients()).toEqual([]);
      expect(errors).toEqual([]);
    },
    BROWSER_TIMEOUT_MS,
  );
});
