import { describe, expect, it } from '@jest/globals';
import { useSignedInDashboard } from './dashboard_harness.js';

/** The dashboard's list pages refuse a page number out of range by name, on a readable page. */
describe('paging in the dashboard', () => {
  const dashboard = useSignedInDashboard();

  it.each(['/manage/t/default/users', '/manage/t/default/logs'])('answers 400 naming the page parameter on %s', async (path) => {
    for (const page of ['99999999999999999999', '-1', 'two', '10001', '1.5']) {
      const response = await dashboard.agent().get(path).query({ page }).set('Accept', 'text/html').expect(400);
      expect(response.text).toContain('<html');
      expect(response.text).toContain('The query parameter page must be a whole number from 0 to 10000.');
    }
  });

  it.each(['/manage/t/default/users', '/manage/t/default/logs'])('still shows %s without a page, or with one in range', async (path) => {
    await dashboard.agent().get(path).expect(200);
    await dashboard.agent().get(path).query({ page: '10000' }).expect(200);
  });
});
