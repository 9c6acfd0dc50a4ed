import { describe, expect, it } from '@jest/globals';
import { useSignedInDashboard } from '../dashboard_harness.js';

/** Before anyone has signed in, the Users page says how a first user comes to be (the checklist's last step leads here). */
describe('the Users page of a tenant with no user yet', () => {
  const dashboard = useSignedInDashboard();

  it('says how a user appears and links to the applications whose pages give the SDK settings', async () => {
    const { text } = await dashboard.agent().get('/manage/t/default/users').expect(200);
    expect(text).toContain('No user has signed in yet. A user appears here after their first login through one of your');
    expect(text).toContain('<a href="/manage/t/default/applications">applications</a>');
    expect(text).toContain("Try from a connection's page creates no user.");
  });

  it('says only that nothing matches when a search finds no one', async () => {
    const { text } = await dashboard.agent().get('/manage/t/default/users?q=nobody').expect(200);
    expect(text).toContain('No user matches this search.');
    expect(text).not.toContain('No user has signed in yet');
  });
});
