import { describe, expect, it } from '@jest/globals';
import { useSignedInDashboard } from '../dashboard_harness.js';

/** Before anyone has signed in, the Users page says how a first user comes to be (the checklist's last step leads here). */
describe('the Users page of a tenant with no user yet', () => {
  const dashboard = useSignedInDashboard();

  it('says how a user appears and links to the applications whose pages give the SDK settings, with no search form', async () => {
    const { text } = await dashboard.agent().get('/manage/t/default/users').expect(200);
    expect(text).toContain('No user has signed in yet. A user appears here after their first login through one of your');
    expect(text).toContain('<a href="/manage/t/default/applications">applications</a>');
    expect(text).toContain("Try from a connection's page creates no user.");
    // Nothing to search yet.
    expect(text).not.toContain('role="search"');
  });

  it('says only that nothing matches when a search finds no one, with the way back to all users', async () => {
    const { text } = await dashboard.agent().get('/manage/t/default/users?q=nobody').expect(200);
    expect(text).toContain('No user matches this search. <a href="/manage/t/default/users">Show all users</a>');
    expect(text).not.toContain('No user has signed in yet');
    // The search stays, to change it, with its hint read out with the field.
    expect(text).toContain('<input id="q" name="q" type="search" value="nobody" aria-describedby="q-hint">');
  });
});
