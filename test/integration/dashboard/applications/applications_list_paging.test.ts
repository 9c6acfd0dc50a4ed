import { beforeAll, describe, expect, it } from '@jest/globals';
import { createClient } from '../../../../src/domain/clients.js';
import { useSignedInDashboard } from '../dashboard_harness.js';

const COUNT = 120;
const nameOf = (index: number) => `Paged app ${String(index).padStart(3, '0')}`;

/**
 * The Applications list pages as the users list does (50 a page, oldest first, the store's order),
 * so every application is reachable from it, however many there are: the 101st and after included,
 * which a list of the first 100 left out.
 */
describe('the applications list, with more applications than one page holds', () => {
  const dashboard = useSignedInDashboard();
  const list = '/manage/t/default/applications';
  const clientIds: string[] = [];

  beforeAll(async () => {
    for (let index = 1; index <= COUNT; index += 1) {
      const { client } = await createClient(dashboard.harness().store.clients, { tenant: 'default', name: nameOf(index), appType: 'regular_web' });
      clientIds.push(client.clientId);
    }
  });

  const linkedIds = (html: string) => [...html.matchAll(/href="\/manage\/t\/default\/applications\/([^"/?#]+)"/g)].map((match) => decodeURIComponent(match[1]!)).filter((id) => id !== 'new');

  it('shows each application on exactly one page, in the order they were created', async () => {
    const seen: string[] = [];
    for (const page of ['0', '1', '2']) seen.push(...linkedIds((await dashboard.agent().get(list).query({ page }).expect(200)).text));
    expect(seen).toEqual(clientIds);
  });

  it('says where a page is in the list and links to its neighbours', async () => {
    const first = (await dashboard.agent().get(list).expect(200)).text;
    expect(first).toContain('<span>1–50 of 120</span>');
    expect(first).toContain('<a href="?page=1" rel="next">Next page</a>');
    expect(first).not.toContain(nameOf(51));

    const last = (await dashboard.agent().get(list).query({ page: '2' }).expect(200)).text;
    expect(last).toContain('<span>101–120 of 120</span>');
    expect(last).toContain(`>${nameOf(101)}</a>`);
    expect(last).toContain(`>${nameOf(120)}</a>`);
    expect(last).toContain('<a href="?page=1" rel="prev">Previous page</a>');
    expect(last).not.toContain('rel="next"');
  });

  it('refuses a page number out of range by name, and says a page past the end is empty', async () => {
    const refused = await dashboard.agent().get(list).query({ page: '-1' }).set('Accept', 'text/html').expect(400);
    expect(refused.text).toContain('The query parameter page must be a whole number from 0 to 10000.');
    expect((await dashboard.agent().get(list).query({ page: '9' }).expect(200)).text).toContain('No application on this page.');
  });
});
