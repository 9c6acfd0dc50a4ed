import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { MANAGEMENT_API_SCOPES } from '../../src/domain/management_scopes.js';
import { recordLogEvent } from '../../src/domain/log_events.js';
import type { Identity, User } from '../../src/domain/types.js';
import { startFitgateBehindTls, type FitgateBehindTls } from '../support/compat/fitgate_behind_tls.js';
import { googleLogin } from '../support/emulator.js';
import { runAppScript, type AppReport } from '../support/compat/run_app_script.js';

const ADA = 'fitbit|ADA1';
const ADA_EMAIL = 'Ada@Example.com';
const REAUTH = 'fitbit|REAUTH3';

/** A stored Google identity whose tokens are within the vault's five-minute margin: any read that fetches them refreshes. */
async function expiringUser(fitgate: FitgateBehindTls, login: string, name: string): Promise<User> {
  const tokens = (await googleLogin(fitgate.emulator.url, { user: login })).body as { access_token: string; refresh_token: string };
  const upstreamId = fitgate.emulator.control.users().find((user) => user.login === login)!.healthUserId;
  const { sealer } = fitgate.deps;
  const now = new Date().toISOString();
  const identity: Identity = {
    provider: 'fitbit',
    connection: 'fitbit',
    userId: upstreamId,
    isSocial: true,
    api: 'google-health',
    grantedScopes: [],
    status: 'connected',
    tokens: { accessToken: sealer.seal(tokens.access_token), refreshToken: sealer.seal(tokens.refresh_token), expiresAt: Date.now() + 60_000 },
  };
  const user: User = { tenant: fitgate.tenant, userId: `fitbit|${upstreamId}`, name, identities: [identity], loginsCount: 1, createdAt: now, updatedAt: now };
  await fitgate.store.users.create(user);
  return user;
}

// node-auth0 7's ManagementClient unchanged, against fitgate behind a TLS proxy: user search with q,
// metadata and blocked through users.update, users-by-email, and logs with from/take and search;
// users.get with fields, null and connection in users.update, and Auth0's narrower user scopes.
describe('node-auth0 ManagementClient: users and logs', () => {
  let fitgate: FitgateBehindTls;
  let report: AppReport;
  let seededLogId: string;
  let stale: User;
  let revoked: User;
  let refreshesBefore: number;

  beforeAll(async () => {
    fitgate = await startFitgateBehindTls();
    const person = (upstreamId: string, overrides: Partial<User>): User => {
      const now = new Date().toISOString();
      const identity: Identity = { provider: 'fitbit', connection: 'fitbit', userId: upstreamId, isSocial: true, api: 'google-health', grantedScopes: [], status: 'connected' };
      return { tenant: fitgate.tenant, userId: `fitbit|${upstreamId}`, identities: [identity], loginsCount: 1, createdAt: now, updatedAt: now, ...overrides };
    };
    await fitgate.store.users.create(person('ADA1', { email: ADA_EMAIL, name: 'Ada Lovelace' }));
    await fitgate.store.users.create(person('GRACE2', { email: 'grace@navy.example', name: 'Grace Hopper', givenName: 'Grace', picture: 'https://pics.example/grace.png' }));
    const reauth = person('REAUTH3', { name: 'Rita Reauth' });
    reauth.identities = [{ ...reauth.identities[0]!, status: 'needs_reauthorization', statusReason: 'refresh_token_rejected', statusChangedAt: new Date().toISOString() }];
    await fitgate.store.users.create(reauth);
    stale = await expiringUser(fitgate, 'bob', 'Bob Stale');
    revoked = await expiringUser(fitgate, 'carol', 'Carol Revoked');
    expect(fitgate.emulator.control.revokeUserGrants('carol')).toBeGreaterThan(0);
    refreshesBefore = fitgate.emulator.control.counters()['google-health'].refreshes;
    // An event older than any the script causes: the exporter's first checkpoint.
    seededLogId = (await recordLogEvent(fitgate.store, { tenant: fitgate.tenant, type: 's', date: new Date(Date.UTC(2026, 0, 1)), userId: ADA })).id;
    const { client, clientSecret } = await fitgate.addClient({ name: 'automation', appType: 'non_interactive', managementScopes: [...MANAGEMENT_API_SCOPES] });
    const narrow = await fitgate.addClient({ name: 'metadata only', appType: 'non_interactive', managementScopes: ['update:users_app_metadata', 'read:logs_users'] });
    report = await runAppScript(
      'management_users.mjs',
      {
        domain: fitgate.domain,
        clientId: client.clientId,
        clientSecret,
        narrowClientId: narrow.client.clientId,
        narrowClientSecret: narrow.clientSecret,
        userId: ADA,
        email: ADA_EMAIL,
        reauthUserId: REAUTH,
        revokedUserId: revoked.userId,
        staleUserId: stale.userId,
        clearedUserId: 'fitbit|GRACE2',
        emulatorUrl: fitgate.emulator.url,
      },
      fitgate.certificate.caFile,
    );
  });
  afterAll(async () => {
    await fitgate?.close();
  });

  it('searches users with q (users.list), narrowed by fields, and gets a 400 for syntax fitgate does not answer', () => {
    expect(report.error).toBeUndefined();
    // Every user of the connection that is not blocked: the two searched for, and the two the reads below use.
    expect((report.searched as { user_id: string }[]).map((user) => user.user_id).sort()).toEqual([ADA, 'fitbit|GRACE2', REAUTH, stale.userId, revoked.userId].sort());
    expect(report.searchedTotal).toBe(5);
    expect(report.byName).toEqual([{ user_id: ADA, name: 'Ada Lovelace' }]);
    expect(report.refusedQuery).toMatchObject({ statusCode: 400, message: expect.stringMatching(/not searchable\. Supported: email, name, user_id/) });
  });

  it('merges metadata and blocks the user (users.update), and the block is searchable and stored', async () => {
    expect(report.updated).toMatchObject({ user_id: ADA, user_metadata: { theme: 'dark' }, app_metadata: { plan: 'full' }, blocked: true });
    expect(report.updated.user_metadata).not.toHaveProperty('units');
    expect((report.blockedSearch as { user_id: string }[]).map((user) => user.user_id)).toEqual([ADA]);
    const stored = await fitgate.store.users.get(fitgate.tenant, ADA);
    expect(stored).toMatchObject({ blocked: true, userMetadata: { theme: 'dark' }, appMetadata: { plan: 'full' } });
  });

  it('finds users by email (users.listUsersByEmail)', () => {
    expect(report.byEmail).toEqual([expect.objectContaining({ user_id: ADA, email: ADA_EMAIL })]);
  });

  it('pages logs from a checkpoint (logs.list with from and take) and filters them with search', () => {
    expect(report.oldest.log_id).toBe(seededLogId);
    const after = report.after as { log_id: string; date: string }[];
    expect(after).toHaveLength(2);
    expect(after.every((event) => event.log_id > seededLogId)).toBe(true);
    // Oldest first: the answer is the two events right after the checkpoint, the reverse of the newest-first list's tail.
    const newestFirst = (report.logs as { log_id: string }[]).map((event) => event.log_id);
    expect(after.map((event) => event.log_id)).toEqual(newestFirst.slice(-3, -1).reverse());
    const searched = report.searchedLogs as { type: string; user_id: string; description: string }[];
    expect(searched.length).toBeGreaterThanOrEqual(2);
    expect(searched.every((event) => event.type === 'sapi' && event.user_id === ADA)).toBe(true);
  });

  it('reads a user who must log in again (users.get, default options): 200, the identity with its status and no token', () => {
    for (const [whole, reason] of [
      [report.reauthWhole, 'refresh_token_rejected'],
      [report.revokedWhole, 'refresh_token_rejected'],
    ] as const) {
      const [identity] = (whole as { identities: Record<string, unknown>[] }).identities;
      expect(identity).toMatchObject({ status: 'needs_reauthorization', status_reason: reason, access_token_error: { errorCode: 'needs_reauthorization' } });
      expect(identity).not.toHaveProperty('access_token');
      expect(identity).not.toHaveProperty('expires_in');
    }
    expect(report.reauthWhole).toMatchObject({ user_id: REAUTH, name: 'Rita Reauth' });
    expect(report.revokedWhole).toMatchObject({ user_id: revoked.userId, name: 'Carol Revoked' });
  });

  it('reads a user with fields that leave identities out without the vault: no upstream refresh', async () => {
    expect(report.reauthProfile).toEqual({ user_id: REAUTH });
    expect(report.staleProfile).toMatchObject({ user_id: stale.userId, name: 'Bob Stale' });
    expect(report.staleProfile).not.toHaveProperty('identities');
    // The profile reads reached no upstream; the whole read the script made last refreshed the stale token.
    expect(report.refreshesAfterProfile).toBe(refreshesBefore);
    expect(fitgate.emulator.control.counters()['google-health'].refreshes).toBe(refreshesBefore + 1);
    expect(report.staleWhole.identities[0]).toHaveProperty('access_token');
  });

  it('removes root attributes set to null and takes connection, client_id and verify_email (users.update)', async () => {
    expect(report.cleared).toMatchObject({ user_id: 'fitbit|GRACE2', name: 'Grace Hopper' });
    expect(report.cleared).not.toHaveProperty('given_name');
    expect(report.cleared).not.toHaveProperty('picture');
    const stored = await fitgate.store.users.get(fitgate.tenant, 'fitbit|GRACE2');
    expect(stored).not.toHaveProperty('givenName');
    expect(stored).not.toHaveProperty('picture');
  });

  it('lets update:users_app_metadata change metadata only, and read:logs_users read one user’s logs', () => {
    expect(report.narrowUpdated).toMatchObject({ user_id: ADA, app_metadata: { plan: 'full', seats: '3' } });
    expect(report.narrowRefused).toEqual({ statusCode: 403, message: 'Insufficient scope, expected any of: update:users', errorCode: 'insufficient_scope' });
    expect((report.narrowUserLogs as { user_id: string }[]).length).toBeGreaterThan(0);
    expect((report.narrowUserLogs as { user_id: string }[]).every((event) => event.user_id === ADA)).toBe(true);
    expect(report.narrowTenantLogs).toMatchObject({ statusCode: 403, errorCode: 'insufficient_scope' });
  });
});
