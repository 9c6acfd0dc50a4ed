import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { updateUser } from '../../src/domain/user_updates.js';
import { withGrant } from '../../src/domain/user_grants.js';
import { startFitgateBehindTls, type FitgateBehindTls } from '../support/compat/fitgate_behind_tls.js';
import { runAppScript, type AppReport } from '../support/compat/run_app_script.js';

const ADA = 'fitbit|ADA1';
const SCOPE = ['openid', 'profile', 'email', 'offline_access'];

// node-auth0 7's ManagementClient unchanged, against fitgate behind a TLS proxy: userGrants.list
// (GET /api/v2/grants, with the SDK's include_totals and its iterator), userGrants.delete and
// userGrants.deleteByUserId read and revoke what a user allowed third-party applications, and the
// refusals come as the errors node-auth0 documents for them.
describe('node-auth0 ManagementClient: userGrants', () => {
  let fitgate: FitgateBehindTls;
  let report: AppReport;
  let partners: string[];

  beforeAll(async () => {
    fitgate = await startFitgateBehindTls();
    const now = new Date().toISOString();
    await fitgate.store.users.create({ tenant: fitgate.tenant, userId: ADA, name: 'Ada Lovelace', identities: [], loginsCount: 1, createdAt: now, updatedAt: now });
    partners = [];
    for (const name of ['Partner One', 'Partner Two']) {
      const { client } = await fitgate.addClient({ name, appType: 'regular_web', callbacks: ['https://partner.example/callback'], settings: { isFirstParty: false } });
      partners.push(client.clientId);
      await updateUser(fitgate.store.users, fitgate.tenant, ADA, (user) => withGrant(user, client.clientId, SCOPE, new Date()));
    }
    const admin = await fitgate.addClient({ name: 'privacy requests', appType: 'non_interactive', managementScopes: ['read:grants', 'delete:grants'] });
    const narrow = await fitgate.addClient({ name: 'reader', appType: 'non_interactive', managementScopes: ['read:users'] });
    report = await runAppScript(
      'management_user_grants.mjs',
      {
        domain: fitgate.domain,
        clientId: admin.client.clientId,
        clientSecret: admin.clientSecret,
        narrowClientId: narrow.client.clientId,
        narrowClientSecret: narrow.clientSecret,
        userId: ADA,
        clientOfFirst: partners[0],
      },
      fitgate.certificate.caFile,
    );
  });
  afterAll(async () => {
    await fitgate?.close();
  });

  it("lists the user's grants in Auth0's shape, through the SDK's paging and its client_id filter", () => {
    expect(report.error).toBeUndefined();
    expect(report.listed).toEqual(
      partners.map((clientID) => ({ id: expect.any(String), clientID, user_id: ADA, audience: `${fitgate.publicUrl}/userinfo`, scope: SCOPE })),
    );
    expect(report.oneAtATime).toEqual(partners);
    expect(report.ofFirstClient).toEqual([partners[0]]);
  });

  it('revokes one grant by id (204, no data), then every grant of the user', async () => {
    expect(report.deleted).toEqual({ status: 204, data: null });
    expect(report.afterDelete).toEqual([partners[1]]);
    expect(report.deletedAll).toEqual({ status: 204, data: null });
    expect(report.afterDeleteAll).toEqual([]);
    expect((await fitgate.store.users.get(fitgate.tenant, ADA))?.grants).toEqual([]);
  });

  it('throws for a grant revoked already (404 inexistent_grant) and ForbiddenError without read:grants', () => {
    expect(report.deletedAgain).toMatchObject({ threw: true, statusCode: 404, body: { errorCode: 'inexistent_grant' } });
    expect(report.withoutScope).toMatchObject({ threw: true, name: 'ForbiddenError', statusCode: 403, body: { errorCode: 'insufficient_scope' } });
  });
});
