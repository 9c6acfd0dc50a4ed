import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { MANAGEMENT_API_SCOPES } from '../../src/domain/management_scopes.js';
import { recordLogEvent } from '../../src/domain/log_events.js';
import type { Connection } from '../../src/domain/types.js';
import { startFitgateBehindTls, type FitgateBehindTls } from '../support/compat/fitgate_behind_tls.js';
import { runAppScript, type AppReport } from '../support/compat/run_app_script.js';

const USER = 'fitbit|LISTS1';

// node-auth0 7's ManagementClient unchanged, against fitgate behind a TLS proxy: every list method
// with the SDK's defaults (clients, client grants, connections and their clients, logs, a user's
// logs, users, signing keys). The checkpoint-paged ones are walked by the SDK's own iterator, which
// asks for another page only while an answer carries `next`.
describe('node-auth0 ManagementClient: lists with the SDK defaults', () => {
  let fitgate: FitgateBehindTls;
  let report: AppReport;
  const grantIds: string[] = [];

  beforeAll(async () => {
    fitgate = await startFitgateBehindTls();
    const { client, clientSecret } = await fitgate.addClient({ name: 'automation', appType: 'non_interactive', managementScopes: [...MANAGEMENT_API_SCOPES] });
    grantIds.push(`cgr_${client.clientId}`);
    // Three more grants (four in all, so pages of two take a second page) and two web apps.
    for (let robot = 0; robot < 3; robot += 1) {
      grantIds.push(`cgr_${(await fitgate.addClient({ name: `robot ${robot}`, appType: 'non_interactive', managementScopes: ['read:logs'] })).client.clientId}`);
    }
    for (const name of ['shop', 'blog']) await fitgate.addClient({ name, appType: 'regular_web' });
    const now = new Date().toISOString();
    const second: Connection = { ...fitgate.connection, id: 'con_second', name: 'fitbit-eu', enabledClients: [], createdAt: now, updatedAt: now };
    await fitgate.store.connections.create(second);
    await fitgate.store.users.create({ tenant: fitgate.tenant, userId: USER, identities: [], loginsCount: 1, createdAt: now, updatedAt: now });
    await recordLogEvent(fitgate.store, { tenant: fitgate.tenant, type: 's', date: new Date(Date.UTC(2026, 0, 1)), userId: USER });
    report = await runAppScript(
      'management_lists.mjs',
      { domain: fitgate.domain, clientId: client.clientId, clientSecret, connectionId: fitgate.connection.id, userId: USER },
      fitgate.certificate.caFile,
    );
  });
  afterAll(async () => {
    await fitgate?.close();
  });

  it('lists clients with the defaults, and only the machine-to-machine ones with app_type', () => {
    expect(report.error).toBeUndefined();
    expect(report.clients).toHaveLength(6);
    expect(report.machineClients).toEqual(['non_interactive', 'non_interactive', 'non_interactive', 'non_interactive']);
  });

  it('walks every client grant, with the default take and page after page with take 2', () => {
    expect([...report.grants].sort()).toEqual([...grantIds].sort());
    expect(report.grantsTwoAtATime).toEqual([...grantIds].sort());
  });

  it('walks every connection and a connection’s clients, and filters connections by strategy with fields', () => {
    expect([...report.connections].sort()).toEqual(['con_second', fitgate.connection.id].sort());
    expect(report.connectionsOneAtATime).toEqual(['con_second', fitgate.connection.id].sort());
    expect((report.fitbitConnectionNames as unknown[]).length).toBe(2);
    expect(report.fitbitConnectionNames).toContainEqual({ id: 'con_second', name: 'fitbit-eu' });
    expect(report.enabledClients).toHaveLength(6);
  });

  it('lists logs (newest first by default, oldest first with sort=date:1) and a user’s logs', () => {
    expect(report.logs).toBeGreaterThanOrEqual(1);
    const oldest = report.oldestLogsFirst as { log_id: string; date: string }[];
    expect(Object.keys(oldest[0]!).sort()).toEqual(['date', 'log_id']);
    expect(oldest[0]!.date).toBe('2026-01-01T00:00:00.000Z');
    expect(report.userLogs).toBe(1);
  });

  it('lists users and signing keys, and refuses a misspelt filter instead of ignoring it', () => {
    expect(report.users).toEqual([USER]);
    expect(report.signingKeys).toBeGreaterThanOrEqual(2);
    expect(report.refusedFilter).toEqual({ statusCode: 400, message: "Query validation error: 'Additional properties not allowed: app_typ'." });
  });
});
