// node-auth0 7's ManagementClient, unchanged: ends a user's sessions with users.sessions.delete, as
// an admin script does after a suspected account takeover. Runs the calls of
// test/compat/node_auth0_user_sessions.test.ts in order and prints what each answered as one JSON
// line (or {"error": ...}), then exits.
import process from 'node:process';
import { ManagementClient } from 'auth0';
import { settings } from './app_process.mjs';

const { domain, clientId, clientSecret, narrowClientId, narrowClientSecret, userId } = settings();
const management = new ManagementClient({ domain, clientId, clientSecret });
const narrow = new ManagementClient({ domain, clientId: narrowClientId, clientSecret: narrowClientSecret });

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
  const ended = await management.users.sessions.delete(userId).withRawResponse();
  const unknown = await refusal(() => management.users.sessions.delete('fitbit|nobody'));
  const withoutScope = await refusal(() => narrow.users.sessions.delete(userId));
  process.stdout.write(`${JSON.stringify({ ended: { status: ended.rawResponse.status, data: ended.data ?? null }, unknown, withoutScope })}\n`);
  process.exit(0);
} catch (error) {
  process.stdout.write(`${JSON.stringify({ error: String(error?.message ?? error), statusCode: error?.statusCode, body: error?.body })}\n`);
  process.exit(0);
}
