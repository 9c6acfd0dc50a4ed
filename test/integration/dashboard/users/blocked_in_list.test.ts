import { describe, expect, it } from '@jest/globals';
import type { User } from '../../../../src/domain/types.js';
import { useSignedInDashboard } from '../dashboard_harness.js';

/**
 * The users list says which users are blocked, in words beside the name (not by a colour alone), as
 * the user's own page does: an admin scanning the list sees who can no longer log in.
 */
describe('blocked users in the users list', () => {
  const dashboard = useSignedInDashboard();

  function user(userId: string, name: string, blocked?: boolean): User {
    const now = new Date().toISOString();
    return {
      tenant: 'default',
      userId,
      name,
      identities: [{ provider: 'fitbit', connection: 'fitbit', userId: userId.split('|')[1]!, isSocial: true, api: 'google-health', grantedScopes: ['profile'], status: 'connected' }],
      loginsCount: 1,
      createdAt: now,
      updatedAt: now,
      ...(blocked !== undefined && { blocked }),
    };
  }

  /** The text of the list's row whose link names `name`, tags removed. */
  const rowText = (html: string, name: string) => {
    const row = [...html.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((match) => match[1]!).find((cells) => cells.includes(`>${name}</a>`));
    return row?.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim();
  };

  it('marks a blocked user "Blocked" in their row, and no other user', async () => {
    const { store } = dashboard.harness();
    await store.users.create(user('fitbit|blocked-1a2b', 'Blocked Betty', true));
    await store.users.create(user('fitbit|unblocked-3c4d', 'Unblocked Una', false));
    await store.users.create(user('fitbit|never-5e6f', 'Never Nina'));

    const { text } = await dashboard.agent().get('/manage/t/default/users').expect(200);

    expect(rowText(text, 'Blocked Betty')).toMatch(/^Blocked Betty Blocked fitbit\|blocked-1a2b/);
    expect(rowText(text, 'Unblocked Una')).not.toContain('Blocked');
    expect(rowText(text, 'Never Nina')).not.toContain('Blocked');
  });
});
