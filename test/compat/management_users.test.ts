import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { MANAGEMENT_API_SCOPES } from '../../src/domain/management_scopes.js';
import { recordLogEvent } from '../../src/domain/log_events.js';
import type { Identity, User } from '../../src/domain/types.js';
import { startFitgateBehindTls, type FitgateBehindTls } from '../support/compat/fitgate_behind_tls.js';
import { runAppScript, type AppReport } from '../support/compat/run_app_script.js';

const ADA = 'fitbit|ADA1';
const ADA_EMAIL = 'Ada@Example.com';

// node-auth0 7's ManagementClient unchanged, against fitgate behind a TLS proxy: user search with q,
// metadata and blocked through users.update, users-by-email, and logs with from/take and search.
describe('node-auth0 ManagementClient: users and logs', () => {
  let fitgate: FitgateBehindTls;
  let report: AppReport;
  let seededLogId: string;

  beforeAll(async () => {
    fitgate = await startFitgateBehindTls();
    const person = (upstreamId: string, overrides: Partial<User>): User => {
      const now = new Date().toISOString();
      const identity: Identity = { provider: 'fitbit', connection: 'fitbit', userId: upstreamId, isSocial: true, api: 'google-health', grantedScopes: [], status: 'connected' };
      return { tenant: fitgate.tenant, userId: `fitbit|${upstreamId}`, identities: [identity], loginsCount: 1, createdAt: now, updatedAt: now, ...overrides };
    };
    await fitgate.store.users.create(person('ADA1', { email: ADA_EMAIL, name: 'Ada Lovelace' }));
    await fitgate.store.users.create(person('GRACE2', { email: 'grace@navy.example', name: 'Grace Hopper' }));
    // An event older than any the script causes: the exporter's first checkpoint.
    seededLogId = (await recordLogEvent(fitgate.store, { tenant: fitgate.tenant, type: 's', date: new Date(Date.UTC(2026, 0, 1)), userId: ADA })).id;
    const { client, clientSecret } = await fitgate.addClient({ name: 'automation', appType: 'non_interactive', managementScopes: [...MANAGEMENT_API_SCOPES] });
    report = await runAppScript('management_users.mjs', { domain: fitgate.domain, clientId: client.clientId, clientSecret, userId: ADA, email: ADA_EMAIL }, fitgate.certificate.caFile);
  });
  afterAll(async () => {
    await fitgate?.close();
  });

  it('searches users with q (users.list), narrowed by fields, and gets a 400 for syntax fitgate does not answer', () => {
    expect(report.error).toBeUndefined();
    expect((report.searched as { user_id: string }[]).map((user) => user.user_id).sort()).toEqual([ADA, 'fitbit|GRACE2']);
    expect(report.searchedTotal).toBe(2);
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
});
