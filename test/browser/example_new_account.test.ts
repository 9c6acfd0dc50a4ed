import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { LONG_BROWSER_TIMEOUT_MS, describeWithBrowser, screenshot } from '../support/browser.js';
import { getJson, upstreamUrl } from '../support/emulator.js';
import { useExampleInBrowser } from './example_in_browser.js';

/**
 * A Fitbit account with nothing recorded yet: the user connects through the emulator as usual, but
 * the example reads its data from a Google Health API stand-in whose exercise and heart-rate lists
 * are empty (the emulator seeds every test user with a month of workouts). Verify must say so
 * instead of showing an empty table or an error.
 */

/** Answers every Google Health data point list with no points, and records the requests. */
async function startEmptyHealthApi(): Promise<{ url: string; requests: { path: string; headers: IncomingHttpHeaders }[]; server: Server }> {
  const requests: { path: string; headers: IncomingHttpHeaders }[] = [];
  const server = createServer((req, res) => {
    requests.push({ path: req.url ?? '', headers: req.headers });
    const known = /^\/health\.googleapis\.com\/v4\/users\/me\/dataTypes\/(exercise|heart-rate)\/dataPoints\?/.test(req.url ?? '');
    res.writeHead(known ? 200 : 404, { 'content-type': 'application/json' });
    res.end(JSON.stringify(known ? { dataPoints: [] } : { error: { code: 404, message: 'not served here', status: 'NOT_FOUND' } }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, requests, server };
}

describeWithBrowser('the Activity Sync example with a new Fitbit account', () => {
  let healthApi: Awaited<ReturnType<typeof startEmptyHealthApi>> | undefined;
  beforeAll(async () => {
    healthApi = await startEmptyHealthApi();
  });
  afterAll(async () => {
    healthApi?.server.closeAllConnections();
    await new Promise<void>((resolve) => (healthApi ? healthApi.server.close(() => resolve()) : resolve()));
  });
  const example = useExampleInBrowser(() => ({ dataUpstreamUrl: healthApi!.url }));

  it(
    'says the connection works but has no activities yet, and that there are no heart rate readings',
    async () => {
      await example.page.goto(`${example.stack.exampleUrl}/connections/fitbit`);
      await example.page.getByRole('button', { name: 'Connect' }).click();
      await example.page.waitForURL(`${example.stack.emulator.url}/**`);
      await example.page.getByLabel('Sign in as test user').selectOption('carol');
      await example.page.getByRole('button', { name: 'Allow' }).click();
      await example.page.waitForURL(`${example.stack.exampleUrl}/connections/fitbit`);

      await example.page.getByRole('button', { name: 'Verify' }).click();
      await example.page.getByText('Connected, but there are no activities yet.').waitFor();
      expect(await example.page.locator('.status').textContent()).toBe('Connected');
      expect(await example.page.getByRole('table', { name: 'Recent activities' }).count()).toBe(0);
      expect(await example.page.locator('main').textContent()).toContain('Heart rate: no readings yet');
      await screenshot(example.page, 'example-new-account-no-activities');

      // Both reads went to the data API with the upstream token fitgate handed out.
      expect(healthApi!.requests.map((request) => request.path.split('?')[0])).toEqual([
        '/health.googleapis.com/v4/users/me/dataTypes/exercise/dataPoints',
        '/health.googleapis.com/v4/users/me/dataTypes/heart-rate/dataPoints',
      ]);
      const bearer = /^Bearer (\S+)$/.exec(healthApi!.requests[0]!.headers.authorization ?? '')?.[1];
      const identity = await getJson(upstreamUrl(example.stack.emulator.url, 'https://health.googleapis.com/v4/users/me/identity'), bearer);
      expect(identity).toMatchObject({ status: 200, body: { legacyUserId: 'C4R0L7' } });
      expect(example.errors).toEqual([]);
    },
    LONG_BROWSER_TIMEOUT_MS,
  );
});
