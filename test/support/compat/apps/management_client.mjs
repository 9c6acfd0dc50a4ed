// node-auth0 7's ManagementClient, unchanged: only domain, clientId and clientSecret differ from an
// Auth0 script. Runs the calls of test/compat/node_auth0_management.test.ts in order and prints
// what each answered as one JSON line (or {"error": ...}), then exits.
import process from 'node:process';
import { ManagementClient } from 'auth0';
import { settings } from './app_process.mjs';

const { domain, clientId, clientSecret, connectionId, enableClientId, callback } = settings();
const management = new ManagementClient({ domain, clientId, clientSecret });

async function all(page) {
  const items = [];
  for await (const item of page) items.push(item);
  return items;
}

try {
  const created = await management.clients.create({
    name: 'SDK app',
    app_type: 'regular_web',
    description: 'made by node-auth0',
    callbacks: [callback],
    web_origins: ['https://app.example'],
    client_metadata: { team: 'sdk' },
    jwt_configuration: { alg: 'RS256', lifetime_in_seconds: 900 },
    refresh_token: { rotation_type: 'rotating', expiration_type: 'expiring', leeway: 5, token_lifetime: 86400, idle_token_lifetime: 3600 },
  });
  const updated = await management.clients.update(created.client_id, { sso_disabled: true, refresh_token: { rotation_type: 'rotating', expiration_type: 'expiring', leeway: 15 } });
  const selected = await management.clients.get(created.client_id, { fields: 'client_id,refresh_token', include_fields: true });
  // Merged as Auth0 merges it: a key sent is added, a null removes its key.
  await management.clients.update(created.client_id, { client_metadata: { owner: 'ada' } });
  const metadataMerged = await management.clients.update(created.client_id, { client_metadata: { team: null, region: 'eu' } });
  let refusedAlg;
  try {
    await management.clients.update(created.client_id, { jwt_configuration: { alg: 'HS256' } });
  } catch (error) {
    refusedAlg = { statusCode: error.statusCode, message: error.body?.message };
  }

  const connection = await management.connections.update(connectionId, { options: { api: 'google-health', scope: ['activity', 'profile'] }, display_name: 'Fitbit' });
  await management.connections.clients.update(connectionId, [{ client_id: enableClientId, status: true }, { client_id: created.client_id, status: true }]);
  const enabled = await all(await management.connections.clients.get(connectionId, { take: 1 }));

  const settingsBefore = await management.tenants.settings.get();
  const settingsUpdated = await management.tenants.settings.update({ idle_session_lifetime: 0.5, session_lifetime: 24 });
  const settingsSelected = await management.tenants.settings.get({ fields: 'session_lifetime', include_fields: true });

  const keysBefore = await management.keys.signing.list();
  const rotated = await management.keys.signing.rotate();
  const previous = (await management.keys.signing.list()).find((key) => key.previous);
  const revoked = await management.keys.signing.revoke(previous.kid);
  // The cached Management API token was signed by the key just revoked: a new client gets a new token.
  const keysAfter = await new ManagementClient({ domain, clientId, clientSecret }).keys.signing.list();

  process.stdout.write(
    `${JSON.stringify({ created, updated, selected, metadataMerged, refusedAlg, connection, enabled, keysBefore, rotated, revoked, keysAfter, settingsBefore, settingsUpdated, settingsSelected })}\n`,
  );
  process.exit(0);
} catch (error) {
  process.stdout.write(`${JSON.stringify({ error: String(error?.message ?? error), statusCode: error?.statusCode, body: error?.body })}\n`);
  process.exit(0);
}
