import type { Page } from 'playwright-core';
import { updateClient } from '../../src/domain/client_updates.js';
import { launchBrowser, type LaunchOptions, type TestBrowser } from '../support/browser.js';
import { startTestEmulator, type TestEmulator } from '../support/emulator.js';
import { startBrowserFitgate, type BrowserFitgate } from './browser_fitgate.js';

/**
 * A walk through every page a person can see: each dashboard page, the Universal Login page, the
 * emulator's consent page, fitgate's own consent page (a third-party application), fitgate's error
 * pages and the signed-out pages. The walk builds what the
 * pages show as an admin would (an application, real upstream credentials, a login that makes a
 * user, an invitation) and calls `visit` once on each stop, with the page loaded; checks that do not
 * change the page (layout, axe) run there.
 */
export const TOUR_UPSTREAM_CLIENT = {
  clientId: 'page-tour.apps.googleusercontent.com',
  clientSecret: 'GOCSPX-page-tour-secret-0123456789',
};

export type TourStop = (name: string) => Promise<void>;

/** The bound on a test that walks the whole tour (several widths a stop), and on starting its setting. */
export const PAGE_TOUR_TIMEOUT_MS = 240_000;

/** Registers the upstream OAuth client the tour pastes into the connection settings. */
function registerTourUpstreamClient(emulator: TestEmulator, fitgate: BrowserFitgate): void {
  emulator.control.registerApp({
    ...TOUR_UPSTREAM_CLIENT,
    type: 'server',
    api: 'google-health',
    redirectUris: [`${fitgate.url}/login/callback`],
    name: 'Page Tour',
  });
}

/** What a tour runs on: the emulator, fitgate in front of it with the tour's upstream client registered, and one page. */
export interface TourSetting {
  readonly emulator: TestEmulator;
  readonly fitgate: BrowserFitgate;
  readonly browser: TestBrowser;
  readonly page: Page;
  close(): Promise<void>;
}

export async function startTourSetting(launch: LaunchOptions = {}): Promise<TourSetting> {
  const emulator = await startTestEmulator();
  const fitgate = await startBrowserFitgate({ FITGATE_UPSTREAM_BASE_URL: emulator.url });
  registerTourUpstreamClient(emulator, fitgate);
  const browser = await launchBrowser(launch);
  const page = await browser.context.newPage();
  return {
    emulator,
    fitgate,
    browser,
    page,
    async close() {
      await browser.close();
      await fitgate.close();
      await emulator.close();
    },
  };
}

export async function tourEveryPage({ page, fitgate, emulator }: TourSetting, visit: TourStop): Promise<void> {
  const tenant = `${fitgate.url}/manage/t/default`;
  // Where the tour's application says it lives: nothing is served there, so a login ends on the
  // 404 page, which is one of the pages to see.
  const appCallback = `${fitgate.url}/page-tour/callback`;

  await page.goto(`${fitgate.url}/manage`);
  await page.waitForURL('**/manage/login**');
  await visit('sign-in');
  await page.getByLabel('Email').fill(fitgate.admin.email);
  await page.getByLabel('Password').fill(fitgate.admin.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(tenant);
  await visit('overview');

  await page.goto(`${tenant}/applications/new`);
  await visit('application-new');
  await page.getByLabel('Name').fill('Page Tour');
  await page.getByLabel('Regular web application').check();
  await page.getByRole('button', { name: 'Create' }).click();
  await page.locator('#client-id').waitFor();
  await visit('application-created');
  const clientId = (await page.locator('#client-id').textContent())?.trim() ?? '';
  const application = `${tenant}/applications/${encodeURIComponent(clientId)}`;

  await page.goto(application);
  await page.getByLabel('Allowed Callback URLs').fill(appCallback);
  await page.getByLabel('Allowed Logout URLs').fill(`${fitgate.url}/page-tour/bye`);
  await page.getByRole('button', { name: 'Save changes' }).click();
  await page.getByText('Settings saved.').waitFor();
  await visit('application');
  await page.goto(`${tenant}/applications`);
  await visit('applications');
  await page.goto(`${application}/rotate-secret`);
  await visit('application-rotate');
  await page.goto(`${application}/delete`);
  await visit('application-delete');
  // A machine-to-machine application authorized for the Management API: its page's widest state,
  // with the permissions, the token command and the revoke form.
  await page.goto(`${tenant}/applications/new`);
  await page.getByLabel('Name').fill('Tour robot');
  await page.getByLabel('Machine to machine').check();
  await page.getByRole('button', { name: 'Create' }).click();
  await page.getByRole('link', { name: "Go to the application's settings" }).click();
  await page.getByRole('checkbox', { name: /^read:users:/ }).check();
  await page.getByRole('checkbox', { name: /^read:user_idp_tokens:/ }).check();
  await page.getByRole('button', { name: 'Authorize' }).click();
  await page.locator('#management-api-token-command').waitFor();
  await visit('application-management-api');

  await page.goto(`${tenant}/social`);
  await visit('social');
  await page.goto(`${tenant}/social/fitbit`);
  await page.getByRole('radio', { name: /Google Health API/ }).check();
  await page.getByLabel('Client ID').fill(TOUR_UPSTREAM_CLIENT.clientId);
  await page.getByLabel('Client Secret').fill(TOUR_UPSTREAM_CLIENT.clientSecret);
  await page.getByRole('button', { name: 'Save' }).click();
  await page.getByText('Settings saved.').waitFor();
  await visit('connection-settings');
  await page.goto(`${tenant}/social/fitbit/applications`);
  // Created in the dashboard, the application is enabled already: the switch's saved state is shown
  // by turning it off and on.
  await page.getByRole('switch', { name: 'Page Tour' }).uncheck();
  await page.getByText('Disabled for Page Tour.').waitFor();
  await page.getByRole('switch', { name: 'Page Tour' }).check();
  await page.getByText('Enabled for Page Tour.').waitFor();
  await visit('connection-applications');
  await page.goto(`${tenant}/social/fitbit/activity`);
  await visit('connection-activity');

  await page.getByRole('navigation', { name: 'Fitbit connection' }).getByRole('button', { name: 'Try', exact: true }).click();
  await page.waitForURL(`${emulator.url}/**`);
  await visit('emulator-consent');
  await page.getByLabel('Sign in as test user').selectOption('alice');
  await page.getByRole('button', { name: 'Allow' }).click();
  await page.waitForURL(`${tenant}/social/fitbit/try/result/**`);
  await visit('try-result');
  // Offered under the result and again at the end of the page: the first is the one in view.
  await page.getByRole('button', { name: 'Try again' }).first().click();
  await page.waitForURL(`${emulator.url}/**`);
  await page.getByRole('button', { name: 'Deny' }).click();
  await page.waitForURL(`${tenant}/social/fitbit/try/**`);
  await page.getByRole('heading', { name: 'Try failed' }).waitFor();
  await visit('try-failure');

  const authorize = new URL(`${fitgate.url}/authorize`);
  authorize.search = new URLSearchParams({ client_id: clientId, response_type: 'code', redirect_uri: appCallback, scope: 'openid profile', state: 'tour' }).toString();
  await page.goto(authorize.toString());
  await visit('universal-login');
  await page.getByRole('link', { name: /Continue with Fitbit/ }).click();
  await page.waitForURL(`${emulator.url}/**`);
  await page.getByLabel('Sign in as test user').selectOption('alice');
  await page.getByRole('button', { name: 'Allow' }).click();
  // alice consented at the TRY above, so Google sends this first login no refresh token: fitgate
  // sends her back once, with prompt=consent, and she allows again.
  await page.waitForURL(`${emulator.url}/**prompt=consent**`);
  await page.getByLabel('Sign in as test user').selectOption('alice');
  await page.getByRole('button', { name: 'Allow' }).click();
  await page.waitForURL(`${appCallback}?**`);
  await visit('error-not-found');
  // The same application made third-party (is_first_party: false, which the dashboard does not
  // set): single sign-on asks the signed-in person first, on the consent page.
  const thirdParty = (isFirstParty: boolean) => updateClient(fitgate.store.clients, 'default', clientId, (client) => ({ ...client, isFirstParty }));
  await thirdParty(false);
  await page.goto(authorize.toString());
  await page.getByRole('heading', { name: 'Allow Page Tour access?' }).waitFor();
  await visit('consent');
  await page.getByRole('button', { name: 'Accept' }).click();
  await page.waitForURL(`${appCallback}?**`);
  await thirdParty(true);
  await page.goto(`${fitgate.url}/authorize?client_id=no-such-client&response_type=code`);
  await visit('error-bad-request');
  await page.goto(`${fitgate.url}/v2/logout?client_id=${encodeURIComponent(clientId)}`);
  await visit('signed-out-of-login');

  await page.goto(`${tenant}/users`);
  await visit('users');
  await page.locator('main table a').first().click();
  await page.getByRole('heading', { name: 'Identities' }).waitFor();
  // alice accepted Page Tour on the consent page above: its row, with its Revoke form, is checked too.
  await page.getByRole('button', { name: 'Revoke Page Tour' }).waitFor();
  await visit('user');
  await page.goto(`${page.url()}/delete`);
  await visit('user-delete');
  // With a user in the tenant, turning Fitbit off for the application asks first: the section shows
  // a link to the confirmation page in place of the switch's form.
  await page.goto(application);
  await visit('application-with-users');
  await page.getByRole('link', { name: 'Turn off… fitbit' }).click();
  await page.getByRole('heading', { name: 'Turn fitbit off for Page Tour?' }).waitFor();
  await visit('application-connection-turn-off');

  await page.goto(tenant);
  await visit('overview-with-activity');
  await page.goto(`${tenant}/logs`);
  await visit('logs');
  // Rotated once, so the table has a previous key with its Revoke form: its widest rows.
  await page.goto(`${tenant}/signing-keys`);
  await page.getByLabel('Sign with the next key from now on, and publish a new next key').check();
  await page.getByRole('button', { name: 'Rotate key' }).click();
  await page.getByText('The next key now signs every token').waitFor();
  await visit('signing-keys');
  // A refused Save, so the form shows its errors next to the fields.
  await page.goto(`${tenant}/settings`);
  await page.getByLabel('Inactivity timeout').fill('120');
  await page.getByLabel('Require log in after').fill('60');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await page.locator('#inactivity_timeout-error').waitFor();
  await visit('tenant-settings');
  await page.goto(`${tenant}/admins`);
  await page.getByLabel('Email').fill('second.admin@browser.example');
  await page.getByRole('button', { name: 'Add admin' }).click();
  await page.locator('#set-password-link').waitFor();
  await visit('admins');
  const setPasswordLink = (await page.locator('#set-password-link').textContent())?.trim() ?? '';
  await page.goto(`${fitgate.url}/manage/tenants`);
  await visit('tenants');
  await page.goto(`${fitgate.url}/manage/account`);
  await visit('account');
  await page.goto(`${tenant}/no-such-page`);
  await visit('dashboard-not-found');

  await page.goto(`${fitgate.url}/manage/account`);
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.waitForURL('**/manage/login**');
  await visit('signed-out-of-dashboard');
  await page.goto(setPasswordLink);
  await visit('set-password');
}
