import { expect, it } from '@jest/globals';
import { BROWSER_TIMEOUT_MS, describeWithBrowser, screenshot } from '../support/browser.js';
import { useSignedInDashboard } from './browser_fitgate.js';
import { useDashboardApplication } from './dashboard_application.js';

/**
 * An application's Connections section in a browser: each connection a switch saved in place, and,
 * once the tenant has a user, turning one off goes through its confirmation page and back.
 */

describeWithBrowser("an application's Connections section", () => {
  const dashboard = useSignedInDashboard();
  const stepCounter = useDashboardApplication(dashboard, 'Step Counter');

  it(
    'saves a switch in place, and asks before turning it off once the tenant has a user',
    async () => {
      const { page, fitgate, errors } = dashboard;
      const { clientId } = stepCounter;
      const application = `${fitgate.url}/manage/t/default/applications/${encodeURIComponent(clientId)}`;
      await page.goto(application);
      const toggle = page.getByRole('switch', { name: 'fitbit' });
      expect(await toggle.isChecked()).toBe(false);
      await toggle.click();
      await page.getByRole('status').filter({ hasText: 'Enabled for Step Counter.' }).waitFor();
      expect(page.url()).toBe(application);
      expect(await stepCounter.fitbitEnabledClients()).toEqual([clientId]);

      const now = new Date().toISOString();
      await fitgate.store.users.create({ tenant: 'default', userId: 'fitbit|BROWSER1', identities: [], loginsCount: 1, createdAt: now, updatedAt: now });
      await page.reload();
      await page.getByRole('link', { name: 'Turn off… fitbit' }).click();
      await page.getByRole('heading', { name: 'Turn fitbit off for Step Counter?' }).waitFor();
      await screenshot(page, 'application-connection-turn-off');
      await page.getByLabel('I understand that these users cannot sign in through fitbit from now on.').check();
      await page.getByRole('button', { name: 'Turn off' }).click();
      await page.waitForURL(`${application}?**`);
      expect(await page.getByRole('switch', { name: 'fitbit' }).isChecked()).toBe(false);
      expect(await page.getByText('Disabled for Step Counter.').isVisible()).toBe(true);
      expect(await stepCounter.fitbitEnabledClients()).toEqual([]);
      expect(errors).toEqual([]);
    },
    BROWSER_TIMEOUT_MS,
  );
});
