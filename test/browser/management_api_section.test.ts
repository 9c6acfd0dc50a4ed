import { expect, it } from '@jest/globals';
import { LONG_BROWSER_TIMEOUT_MS, describeWithBrowser, screenshot } from '../support/browser.js';
import { useSignedInDashboard } from './browser_fitgate.js';

/**
 * What a newcomer does to get a Management API token, in Chromium with the page's CSP: create a
 * machine-to-machine application, authorize it on its page with the permissions picked from
 * labelled checkboxes, and run the command the page shows, with the secret put in. Then a refused
 * form lands on the first permission, and revoking ends the tokens.
 */

describeWithBrowser('the Management API section in a browser', () => {
  const dashboard = useSignedInDashboard();
  let robot: { clientId: string; clientSecret: string };

  /** The token request the page's command makes, with the real secret in place of the placeholder. */
  async function runShownCommand(secret: string): Promise<{ status: number; body: Record<string, unknown> }> {
    const command = (await dashboard.page.locator('#management-api-token-command').textContent()) ?? '';
    const url = /curl -s '([^']+)'/.exec(command)![1]!;
    const body = /-d '([^']+)'/.exec(command)![1]!.replace('YOUR_CLIENT_SECRET', secret);
    const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  }

  it(
    'authorizes a new machine-to-machine application with the ticked permissions, and its command gets a token',
    async () => {
      const { page, fitgate } = dashboard;
      await page.goto(`${fitgate.url}/manage/t/default/applications/new`);
      await page.getByLabel('Name').fill('Browser robot');
      await page.getByLabel('Machine to machine').check();
      await page.getByRole('button', { name: 'Create' }).click();
      robot = {
        clientId: ((await page.locator('#client-id').textContent()) ?? '').trim(),
        clientSecret: ((await page.locator('#client-secret').textContent()) ?? '').trim(),
      };
      await page.getByRole('link', { name: "Go to the application's settings" }).click();
      await page.getByRole('heading', { name: 'Management API' }).waitFor();

      await page.getByRole('button', { name: 'Select all' }).click();
      await page.getByText('Every permission is ticked').waitFor();
      expect(await page.locator('input[name="scope"]:not(:checked)').count()).toBe(0);
      // Buttons once the page's script ran, ticking in place: no reload (the links' no-script fallback) happened.
      expect(page.url()).not.toContain('select=');
      await page.getByRole('button', { name: 'Select none' }).click();
      await page.getByText('No permission is ticked').waitFor();
      expect(await page.locator('input[name="scope"]:checked').count()).toBe(0);

      await page.getByRole('group', { name: 'Permissions' }).getByRole('checkbox', { name: /^read:users:/ }).check();
      await page.getByRole('checkbox', { name: /^read:logs:/ }).check();
      await page.getByRole('button', { name: 'Authorize' }).click();
      await page.getByText('Browser robot is authorized for the Management API.').waitFor();
      await screenshot(page, 'management-api-authorized');
      expect(await page.getByRole('checkbox', { name: /^read:users:/ }).isChecked()).toBe(true);
      expect(await page.content()).not.toContain(robot.clientSecret);

      const issued = await runShownCommand(robot.clientSecret);
      expect([issued.status, issued.body.scope]).toEqual([200, 'read:users read:logs']);
      const users = await fetch(`${fitgate.url}/api/v2/users`, { headers: { authorization: `Bearer ${String(issued.body.access_token)}` } });
      expect(users.status).toBe(200);
    },
    LONG_BROWSER_TIMEOUT_MS,
  );

  it(
    'brings an update with no permission back with the focus on the first permission, where its error is read out',
    async () => {
      const { page } = dashboard;
      await page.getByRole('button', { name: 'Select none' }).click();
      await page.getByText('No permission is ticked').waitFor();
      await page.getByRole('button', { name: 'Update permissions' }).click();
      await page.locator('#scope-error').waitFor();
      expect(await page.evaluate("document.activeElement && document.activeElement.getAttribute('value')")).toBe('read:users');
      expect(await page.evaluate("document.activeElement && document.activeElement.getAttribute('aria-describedby')")).toBe('scope-error');
    },
    LONG_BROWSER_TIMEOUT_MS,
  );

  it(
    'revokes the access once confirmed, after which the command is refused',
    async () => {
      const { page, fitgate, errors } = dashboard;
      await page.goto(`${fitgate.url}/manage/t/default/applications/${encodeURIComponent(robot.clientId)}`);
      const command = (await page.locator('#management-api-token-command').textContent()) ?? '';
      await page.getByLabel('I understand that its tokens stop working now.').check();
      await page.getByRole('button', { name: 'Revoke access' }).click();
      await page.getByText('Access revoked.').waitFor();
      expect(await page.locator('#management-api-token-command').count()).toBe(0);
      const body = /-d '([^']+)'/.exec(command)![1]!.replace('YOUR_CLIENT_SECRET', robot.clientSecret);
      const refused = await fetch(`${fitgate.url}/oauth/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      expect(refused.status).toBe(403);
      // The refused update above is a 400, which the browser reports; nothing else may go wrong.
      expect(errors.filter((error) => !error.includes('status of 400'))).toEqual([]);
    },
    LONG_BROWSER_TIMEOUT_MS,
  );
});
