// node-auth0 7's ManagementClient, unchanged: only domain, clientId and clientSecret differ from an
// Auth0 script. Runs every list method of test/compat/node_auth0_management_lists.test.ts with the
// SDK's defaults (and a few filters), walking the checkpoint-paged ones with its own iterator, and
// prints what each answered as one JSON line (or {"error": ...}), then exits.
import { ManagementClient } from 'auth0';
import { settings } from './app_process.mjs';

const { domain, clientId, clientSecret, connectionId, userId } = settings();
const management = new ManagementClient({ domain, clientId, clientSecret });

/** Every item the SDK's own iterator yields, page after page. */
async function all(page) {
  const items = [];
  for await (const item of page) items.push(item);
  return items;
}

async function refusal(call) {
  try {
    await call();
    return undefined;
  } catch (error) {
    return { statusCode: error.statusCode, message: error.body?.message };
  }
}

try {
  const report = {
    clients: (await management.clients.list()).data.map((client) => client.client_id),
    machineClients: (await management.clients.list({ app_type: 'non_interactive' })).data.map((client) => client.app_type),
    grants: (await all(await management.clientGrants.list())).map((grant) => grant.id),
    grantsTwoAtATime: (await all(await management.clientGrants.list({ take: 2 }))).map((grant) => grant.id),
    connections: (await all(await management.connections.list())).map((connection) => connection.id),
    connectionsOneAtATime: (await all(await management.connections.list({ take: 1 }))).map((connection) => connection.id),
    fitbitConnectionNames: (await management.connections.list({ strategy: ['fitbit'], fields: 'id,name', include_fields: true })).data,
    enabledClients: (await all(await management.connections.clients.get(connectionId))).map((client) => client.client_id),
    logs: (await management.logs.list()).data.length,
    oldestLogsFirst: (await management.logs.list({ sort: 'date:1', fields: 'log_id,date', include_fields: true })).data,
    userLogs: (await management.users.logs.list(userId)).data.length,
    users: (await management.users.list()).data.map((user) => user.user_id),
    signingKeys: (await management.keys.signing.list()).length,
    refusedFilter: await refusal(() => management.clients.list({}, { queryParams: { app_typ: 'spa' } })),
  };
  console.log(JSON.stringify(report));
  process.exit(0);
} catch (error) {
  console.log(JSON.stringify({ error: String(error?.message ?? error), statusCode: error?.statusCode, body: error?.body }));
  process.exit(0);
}
