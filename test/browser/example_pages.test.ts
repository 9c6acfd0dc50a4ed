import { expect, it } from '@jest/globals';
import { LONG_BROWSER_TIMEOUT_MS, describeWithBrowser } from '../support/browser.js';
import { useExampleInBrowser } from './example_in_browser.js';
import { describeViolations, overflowWidth, seriousViolations } from './page_checks.js';

/**
 * The example application's pages meet the bar fitgate's own do: at phone and laptop width, no
 * serious or critical axe-core violation and no sideways scrolling, before and after a user
 * connects Fitbit. The browser bypasses the pages' CSP to inject axe.
 */
const WIDTHS = [390, 1280] as const;

describeWithBrowser('the example application at phone and laptop width', () => {
  const example = useExampleInBrowser(() => ({}), { bypassCSP: true });

  it(
    'has no serious accessibility violation and no page wider than the window',
    async () => {
      const { page, stack } = example;
      const problems: string[] = [];
      const visited: string[] = [];
      const check = async (name: string): Promise<void> => {
        visited.push(name);
        for (const width of WIDTHS) {
          await page.setViewportSize({ width, height: 900 });
          problems.push(...describeViolations(name, width, await seriousViolations(page)));
          const overflow = await overflowWidth(page);
          if (overflow > 0) problems.push(`${name} at ${width} px is ${width + overflow} px wide`);
        }
      };

      await page.goto(stack.exampleUrl);
      await check('dashboard');
      await page.goto(`${stack.exampleUrl}/connections`);
      await check('connections');
      await page.goto(`${stack.exampleUrl}/connections/fitbit`);
      await check('fitbit-not-connected');
      await page.getByRole('button', { name: 'Connect' }).click();
      await page.waitForURL(`${stack.emulator.url}/**`);
      await page.getByLabel('Sign in as test user').selectOption('alice');
      await page.getByRole('button', { name: 'Allow' }).click();
      await page.waitForURL(`${stack.exampleUrl}/connections/fitbit`);
      await check('fitbit-connected');
      await page.getByRole('button', { name: 'Verify' }).click();
      await page.getByRole('table', { name: 'Recent activities' }).locator('tbody tr').first().waitFor();
      await check('fitbit-verified');

      expect(visited).toHaveLength(5);
      expect(problems).toEqual([]);
    },
    LONG_BROWSER_TIMEOUT_MS,
  );
});
