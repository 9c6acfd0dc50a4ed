import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { MANAGEMENT_API_SCOPES } from '../../src/domain/management_scopes.js';
import { startFitgateBehindTls, type FitgateBehindTls } from '../support/compat/fitgate_behind_tls.js';
import { runAppScript } from '../support/compat/run_app_script.js';

/** What the ManagementClient script reports, one field per call it made (see the script). */
interface Report {
  error?: unknown;
  created: { client_id: string } & Record<string, unknown>;
  updated: Record<string, unknown>;
  selected: Record<string, unknown>;
  metadataMerged: Record<string, unknown>;
  refusedAlg: unknown;
  connection: { options: Record<string, unknown> } & Record<string, unknown>;
  enabled: unknown;
  keysBefore: unknown;
  rotated: { kid: string; cert: string };
  revoked: { kid: string };
  keysAfter: unknown;
  settingsBefore: unknown;
  settingsUpdated: unknown;
  settingsSelected: unknown;
}

// node-auth0 7's ManagementClient unchanged, against fitgate behind a TLS proxy: clients with Auth0's
// settings and fields (client_metadata merged), a connection's options and enabled clients, the
// signing keys, and the tenant settings.
describe('node-auth0 ManagementClient', () => {
  let fitgate: FitgateBehindTls;
  let report: Report;
  let other: string;

  beforeAll(async () => {
    fitgate = await startFitgateBehindTls();
    const { client, clientSecret } = await fitgate.addClient({ name: 'automation', appType: 'non_interactive', managementScopes: [...MANAGEMENT_API_SCOPES] });
    other = (await fitgate.addClient({ name: 'other app', appType: 'regular_web' })).client.clientId;
    report = (await runAppScript(
      'management_client.mjs',
      { domain: fitgate.domain, clientId: client.clientId, clientSecret, connectionId: fitgate.connection.id, enableClientId: other, callback: 'https://app.example/callback' },
      fitgate.certificate.caFile,
    )) as Report;
  });
  afterAll(async () => {
    await fitgate?.close();
  });

  it('creates and updates a client with the new settings, merges its client_metadata, and reads it back with fields', async () => {
    expect(report.error).toBeUndefined();
    expect(report.created).toMatchObject({
      description: 'made by node-auth0',
      client_metadata: { team: 'sdk' },
      jwt_configuration: { alg: 'RS256', lifetime_in_seconds: 900 },
      refresh_token: { rotation_type: 'rotating', leeway: 5, token_lifetime: 86400, idle_token_lifetime: 3600 },
    });
    expect(report.updated).toMatchObject({ sso_disabled: true, refresh_token: { leeway: 15, token_lifetime: 86400 } });
    expect(Object.keys(report.selected).sort()).toEqual(['client_id', 'refresh_token']);
    expect(report.refusedAlg).toMatchObject({ statusCode: 400, message: expect.stringMatching(/Only RS256/) });
    expect(report.metadataMerged.client_metadata).toEqual({ owner: 'ada', region: 'eu' });
    const stored = await fitgate.store.clients.get(fitgate.tenant, report.created.client_id);
    expect(stored?.refreshTokenPolicy?.leewaySeconds).toBe(15);
  });

  it('replaces connection options and pages through its enabled clients', async () => {
    expect(report.connection).toMatchObject({ display_name: 'Fitbit', options: { api: 'google-health', scope: ['activity', 'profile'] } });
    expect(report.connection.options).not.toHaveProperty('client_id');
    const enabledIds = (report.enabled as { client_id: string }[]).map((client) => client.client_id);
    expect(enabledIds).toEqual(expect.arrayContaining([other, report.created.client_id]));
    expect(new Set(enabledIds).size).toBe(enabledIds.length);
    const stored = await fitgate.store.connections.get(fitgate.tenant, fitgate.connection.id);
    expect([...enabledIds].sort()).toEqual([...stored!.enabledClients].sort());
  });

  it('lists, rotates and revokes signing keys', async () => {
    const before = report.keysBefore as Record<string, unknown>[];
    expect(before.find((key) => key.next)?.kid).toBe(report.rotated.kid);
    expect(report.rotated.cert).toMatch(/^-----BEGIN CERTIFICATE-----/);
    expect(report.revoked.kid).toBe(before.find((key) => key.current)?.kid);
    expect((report.keysAfter as Record<string, unknown>[]).find((key) => key.kid === report.revoked.kid)).toMatchObject({ revoked: true });
  });

  it('reads and changes the session lifetimes through tenants.settings', async () => {
    expect(report.settingsBefore).toEqual({ idle_session_lifetime: 72, session_lifetime: 168, allowed_logout_urls: [] });
    expect(report.settingsUpdated).toEqual({ idle_session_lifetime: 0.5, session_lifetime: 24, allowed_logout_urls: [] });
    expect(report.settingsSelected).toEqual({ session_lifetime: 24 });
    expect(await fitgate.store.tenants.getStored(fitgate.tenant)).toMatchObject({ idleSessionLifetimeHours: 0.5, sessionLifetimeHours: 24 });
  });
});
