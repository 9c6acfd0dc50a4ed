import { beforeAll, expect, it } from '@jest/globals';
import { createClient } from '../../src/domain/clients.js';
import { describeWithBrowser, screenshot } from '../support/browser.js';
import { useSignedInDashboard } from './browser_fitgate.js';

/**
 * The per-application switch on a connection's Applications tab: a switch with its name and state
 * read out, saved at once without leaving the page, and confirmed beside it.
 */
const BROWSER_TIMEOUT_MS = 60_000;

describeWithBrowser('enabling a connection with a switch', () => {
  const dashboard = useSignedInDashboard();
  let clientId: string;

  beforeAll(async () => {
    const { client } = await createClient(dashboard.fitgate.store.clients, { tenant: 'default', name: 'Step Counter', appType: 'regular_web', callbacks: ['https://steps.example/cb'] });
    clientId = client.clientId;
  });

  const enabledClients = async () => (await dashboard.fitgate.store.connections.getByName('default', 'fitbit'))?.enabledClients;

  it(
    'reads out as a switch with its name and state, saves at once in place and confirms',
    async () => {
      const { page, fitgate, errors } = dashboard;
      const tab = `${fitgate.url}/manage/t/default/social/fitbit/applications`;
      await page.goto(tab);
      const toggle = page.getByRole('switch', { name: 'Step Counter' });
      expect(await toggle.isChecked()).toBe(false);
      expect(await page.getByRole('button', { name: 'Save' }).isVisible()).toBe(false);

      await toggle.click();
      await page.getByRole('status').filter({ hasText: 'Enabled for Step Counter.' }).waitFor();
      expect(await toggle.isChecked()).toBe(true);
      expect(page.url()).toBe(tab);
      expect(await enabledClients()).toEqual([clientId]);
      expect(await page.locator('main').ariaSnapshot()).toContain('switch "Step Counter" [checked]');
      await screenshot(page, 'connection-switch-on');

      await toggle.press('Space');
      await page.getByRole('status').filter({ hasText: 'Disabled for Step Counter.' }).waitFor();
      expect(await toggle.isChecked()).toBe(false);
      expect(await enabledClients()).toEqual([]);
      expect(errors).toEqual([]);
    },
    BROWSER_TIMEOUT_MS,
  );
});
