import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startFitgateBehindTls, type FitgateBehindTls } from '../support/compat/fitgate_behind_tls.js';
import { runAppScript, type AppReport } from '../support/compat/run_app_script.js';

const ADA = 'fitbit|ADA1';

// node-auth0 7's ManagementClient unchanged, against fitgate behind a TLS proxy:
// users.sessions.delete (DELETE /api/v2/users/{id}/sessions) ends the user's sessions, and its
// refusals come as the errors node-auth0 documents for it.
describe('node-auth0 ManagementClient: users.sessions.delete', () => {
  let fitgate: FitgateBehindTls;
  let report: AppReport;

  beforeAll(async () => {
    fitgate = await startFitgateBehindTls();
    const now = new Date().toISOString();
    await fitgate.store.users.create({ tenant: fitgate.tenant, userId: ADA, name: 'Ada Lovelace', identities: [], loginsCount: 1, createdAt: now, updatedAt: now });
    const admin = await fitgate.addClient({ name: 'incident response', appType: 'non_interactive', managementScopes: ['delete:sessions'] });
    const narrow = await fitgate.addClient({ name: 'reader', appType: 'non_interactive', managementScopes: ['read:users', 'delete:users'] });
    report = await runAppScript(
      'management_user_sessions.mjs',
      {
        domain: fitgate.domain,
        clientId: admin.client.clientId,
        clientSecret: admin.clientSecret,
        narrowClientId: narrow.client.clientId,
        narrowClientSecret: narrow.clientSecret,
        userId: ADA,
      },
      fitgate.certificate.caFile,
    );
  });
  afterAll(async () => {
    await fitgate?.close();
  });

  it('ends the user’s sessions: 202 with no data, and the user record says since when', async () => {
    expect(report.error).toBeUndefined();
    expect(report.ended).toEqual({ status: 202, data: null });
    const ada = await fitgate.store.users.get(fitgate.tenant, ADA);
    expect(Date.parse(ada?.sessionsEndedAt ?? '')).toBeGreaterThan(Date.now() - 60_000);
  });

  it('throws NotFoundError for a user the tenant does not have, and ForbiddenError without delete:sessions', () => {
    expect(report.unknown).toMatchObject({ threw: true, name: 'NotFoundError', statusCode: 404, body: { errorCode: 'inexistent_user' } });
    expect(report.withoutScope).toMatchObject({ threw: true, name: 'ForbiddenError', statusCode: 403, body: { errorCode: 'insufficient_scope' } });
  });
});
