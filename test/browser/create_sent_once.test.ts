import { expect, it } from '@jest/globals';
import { BROWSER_TIMEOUT_MS, describeWithBrowser } from '../support/browser.js';
import { useSignedInDashboard } from './browser_fitgate.js';

/**
 * A form's buttons are disabled once it is sent, so a second press while the first post is answered
 * sends nothing (public/dashboard/dashboard.js): a nicety, since the server makes one application
 * from a form sent twice all the same (src/dashboard/form_once.ts).
 */
describeWithBrowser('the Create button pressed twice in a browser', () => {
  const dashboard = useSignedInDashboard();

  it(
    'disables the button once the form is sent, and a second press sends nothing',
    async () => {
      const { page, fitgate, errors } = dashboard;
      const list = `${fitgate.url}/manage/t/default/applications`;
      await page.goto(`${list}/new`);
      await page.getByLabel('Name').fill('Pressed twice');

      // The page presses again once the button is disabled, and says so; the post is answered only
      // then, as a slow answer would be.
      let pressedAgain!: () => void;
      const again = new Promise<void>((resolve) => (pressedAgain = resolve));
      await page.exposeFunction('pressedAgain', () => pressedAgain());
      await page.evaluate(`(() => {
        const form = document.querySelector('form[action$="/applications"]');
        const button = form.querySelector('button[type="submit"]');
        new MutationObserver(() => {
          if (!button.disabled) return;
          button.click();
          pressedAgain();
        }).observe(button, { attributes: true });
      })()`);
      let posts = 0;
      await page.route(list, async (route) => {
        if (route.request().method() === 'POST') {
          posts += 1;
          await again;
        }
        await route.continue();
      });

      await page.getByRole('button', { name: 'Create' }).click({ noWaitAfter: true });
      await page.waitForURL(/\/credentials$/);
      await page.unroute(list);

      expect(posts).toBe(1);
      const { items } = await fitgate.store.clients.list('default', { page: 0, perPage: 100 });
      expect(items.filter((client) => client.name === 'Pressed twice')).toHaveLength(1);
      expect(errors).toEqual([]);
    },
    BROWSER_TIMEOUT_MS,
  );
});
