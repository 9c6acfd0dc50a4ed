// node-auth0 7's ManagementClient, unchanged: creates and deletes a connection and tries to create a
// user, as a Terraform- or Deploy-CLI-style script does. Runs the calls of
// test/compat/node_auth0_connections.test.ts in order and prints what each answered as one JSON line
// (or {"error": ...}), then exits.
import process from 'node:process';
import { ManagementClient } from 'auth0';
import { settings } from './app_process.mjs';

const { domain, clientId, clientSecret } = settings();
const management = new ManagementClient({ domain, clientId, clientSecret });

/** What a refused call threw: the error class node-auth0 chose, its status and Auth0's body. */
async function refusal(call) {
  try {
    await call();
    return { threw: false };
  } catch (error) {
    return { threw: true, name: error?.constructor?.name, statusCode: error?.statusCode, body: error?.body };
  }
}

try {
  const created = await management.connections.create({
    name: 'fitbit-sdk',
    strategy: 'fitbit',
    display_name: 'Fitbit (SDK)',
    options: { api: 'google-health', client_id: 'sdk.apps.googleusercontent.com', client_secret: 'sdk-secret', scope: ['activity', 'profile'] },
  });
  const duplicate = await refusal(() => management.connections.create({ name: 'fitbit-sdk', strategy: 'fitbit' }));
  const otherStrategy = await refusal(() => management.connections.create({ name: 'users', strategy: 'auth0' }));
  const deleted = await management.connections.delete(created.id).withRawResponse();
  const deletedAgain = await refusal(() => management.connections.delete(created.id));
  const userCreate = await refusal(() => management.users.create({ connection: 'fitbit', email: 'ada@example.com', password: 'Secret-123!' }));
  const roles = await refusal(() => management.roles.list());

  process.stdout.write(
    `${JSON.stringify({ created, duplicate, otherStrategy, deleted: { status: deleted.rawResponse.status, data: deleted.data ?? null }, deletedAgain, userCreate, roles })}\n`,
  );
  process.exit(0);
} catch (error) {
  process.stdout.write(`${JSON.stringify({ error: String(error?.message ?? error), statusCode: error?.statusCode, body: error?.body })}\n`);
  process.exit(0);
}
