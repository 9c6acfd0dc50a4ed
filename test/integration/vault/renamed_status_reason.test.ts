import { describe, expect, it } from '@jest/globals';
import type { User } from '../../../src/domain/types.js';
import { TENANT, useManagementHarness } from '../management/harness.js';

// An identity marked before `legacy_api_gone` became `upstream_api_gone` is still stored under the
// old name: every Management API answer about it names the new one.

const harness = useManagementHarness('vault-renamed-status-reason');

async function storeMarkedUser(): Promise<User> {
  const now = new Date().toISOString();
  const user: User = {
    tenant: TENANT,
    userId: 'fitbit|OLD410',
    name: 'Dana Old',
    identities: [
      {
        provider: 'fitbit',
        connection: 'fitbit',
        userId: 'OLD410',
        isSocial: true,
        api: 'fitbit-legacy',
        grantedScopes: ['profile'],
        status: 'needs_reauthorization',
        statusReason: 'legacy_api_gone',
        statusChangedAt: '2026-01-02T03:04:05.000Z',
      },
    ],
    loginsCount: 1,
    createdAt: now,
    updatedAt: now,
  };
  await harness.store.users.create(user);
  return user;
}

describe('an identity stored with the reason legacy_api_gone', () => {
  it('is read, listed and withheld its token under upstream_api_gone', async () => {
    const user = await storeMarkedUser();
    const path = `/users/${encodeURIComponent(user.userId)}`;

    const read = await harness.call('get', path, await harness.tokenWith(['read:users'])).expect(200);
    expect(read.body.identities[0]).toMatchObject({ status: 'needs_reauthorization', status_reason: 'upstream_api_gone' });

    const listed = await harness.call('get', '/users', await harness.tokenWith(['read:users'])).expect(200);
    expect(JSON.stringify(listed.body)).toContain('"status_reason":"upstream_api_gone"');
    expect(JSON.stringify(listed.body)).not.toContain('legacy_api_gone');

    const token = await harness.call('get', path, await harness.tokenWith(['read:user_idp_tokens'])).expect(200);
    const [identity] = token.body.identities;
    expect(identity).toMatchObject({ status: 'needs_reauthorization', status_reason: 'upstream_api_gone', access_token_error: { errorCode: 'needs_reauthorization' } });
    expect(identity.access_token_error.message).toContain('the upstream API it used is gone (410)');
    expect(JSON.stringify(token.body)).not.toContain('legacy_api_gone');
  });
});
