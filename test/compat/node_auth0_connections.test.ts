import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { MANAGEMENT_API_SCOPES } from '../../src/domain/management_scopes.js';
import { startFitgateBehindTls, type FitgateBehindTls } from '../support/compat/fitgate_behind_tls.js';
import { runAppScript } from '../support/compat/run_app_script.js';

interface Refusal {
  threw: boolean;
  name?: string;
  statusCode?: number;
  body?: { statusCode: number; error: string; message: string; errorCode: string };
}

/** What the script reports, one field per call it made (see management_connections.mjs). */
interface Report {
  error?: unknown;
  created: { id: string; options: Record<string, unknown> } & Record<string, unknown>;
  duplicate: Refusal;
  otherStrategy: Refusal;
  deleted: { status: number; data: unknown };
  deletedAgain: Refusal;
  userCreate: Refusal;
  roles: Refusal;
}

// node-auth0 7's ManagementClient unchanged, against fitgate behind a TLS proxy: connections.create
// and connections.delete as Terraform and the Deploy CLI call them, and users.create and an endpoint
// fitgate lacks refused with errors whose status and body say why, not a "There is no page" 404 that
// reads like a missing record.
describe('node-auth0 ManagementClient: connections.create / delete, users.create', () => {
  let fitgate: FitgateBehindTls;
  let report: Report;

  beforeAll(async () => {
    fitgate = await startFitgateBehindTls();
    const { client, clientSecret } = await fitgate.addClient({ name: 'automation', appType: 'non_interactive', managementScopes: [...MANAGEMENT_API_SCOPES] });
    // A tenant holds one connection per strategy: the script creates the tenant's fitbit connection anew.
    for (const connection of await fitgate.store.connections.list(fitgate.tenant)) await fitgate.store.connections.delete(fitgate.tenant, connection.id);
    report = (await runAppScript('management_connections.mjs', { domain: fitgate.domain, clientId: client.clientId, clientSecret }, fitgate.certificate.caFile)) as Report;
  });
  afterAll(async () => {
    await fitgate?.close();
  });

  it('creates a fitbit connection, answered without its secret', () => {
    expect(report.error).toBeUndefined();
    expect(report.created).toMatchObject({
      name: 'fitbit-sdk',
      strategy: 'fitbit',
      display_name: 'Fitbit (SDK)',
      options: { api: 'google-health', client_id: 'sdk.apps.googleusercontent.com', scope: ['activity', 'profile'] },
    });
    expect(report.created.options).not.toHaveProperty('client_secret');
  });

  it('throws ConflictError for a name taken and BadRequestError naming fitgate’s strategies for another strategy', () => {
    expect(report.duplicate).toMatchObject({ threw: true, name: 'ConflictError', statusCode: 409, body: { errorCode: 'connection_conflict' } });
    expect(report.otherStrategy).toMatchObject({ threw: true, name: 'BadRequestError', statusCode: 400 });
    expect(report.otherStrategy.body!.message).toContain('strategies only (fitbit)');
  });

  // Auth0's spec lists no 404 for these two, so node-auth0 throws its generic ManagementError: the
  // status and Auth0's body carry what happened.
  it('deletes the connection (202), and a second delete is a 404 for that connection', async () => {
    expect(report.deleted.status).toBe(202);
    expect(await fitgate.store.connections.get(fitgate.tenant, report.created.id)).toBeUndefined();
    expect(report.deletedAgain).toMatchObject({ threw: true, name: 'ManagementError', statusCode: 404, body: { errorCode: 'inexistent_connection' } });
  });

  it('refuses users.create with a BadRequestError saying users come from logins', () => {
    expect(report.userCreate).toMatchObject({ threw: true, name: 'BadRequestError', statusCode: 400, body: { errorCode: 'operation_not_supported' } });
    expect(report.userCreate.body!.message).toContain('a user is created the first time they log in');
  });

  it('answers an endpoint fitgate lacks with a 404 whose message says it is not supported', () => {
    expect(report.roles).toMatchObject({ threw: true, name: 'ManagementError', statusCode: 404, body: { errorCode: 'unsupported_endpoint' } });
    expect(report.roles.body!.message).toMatch(/^fitgate does not support GET \/api\/v2\/roles/);
  });
});
