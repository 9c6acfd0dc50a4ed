// node-auth0 7's ManagementClient, unchanged: lists a user's grants to third-party applications with
// userGrants.list, walks them with the SDK's own iterator, and revokes them with userGrants.delete and
// userGrants.deleteByUserId, as a privacy script answering a user's request does. Runs the calls of
// test/compat/node_auth0_user_grants.test.ts in order and prints what each answered as one JSON line
// (or {"error": ...}), then exits.
import process from 'node:process';
import { ManagementClient } from 'auth0';
import { settings } from './app_process.mjs';

const { domain, clientId, clientSecret, narrowClientId, narrowClientSecret, userId, clientOfFirst } = settings();
const management = new ManagementClient({ domain, clientId, clientSecret });
const narrow = new ManagementClient({ domain, clientId: narrowClientId, clientSecret: narrowClientSecret });

/** Every item the SDK's own iterator yields, page after page. */
async function all(page) {
  const items = [];
  for await (const item of page) items.push(item);
  return items;
}

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
  const listed = (await management.userGrants.list({ user_id: userId })).data;
  const oneAtATime = (await all(await management.userGrants.list({ user_id: userId, per_page: 1 }))).map((grant) => grant.clientID);
  const ofFirstClient = (await management.userGrants.list({ user_id: userId, client_id: clientOfFirst })).data.map((grant) => grant.clientID);
  const first = listed.find((grant) => grant.clientID === clientOfFirst);
  const deleted = await management.userGrants.delete(first.id).withRawResponse();
  const afterDelete = (await management.userGrants.list({ user_id: userId })).data.map((grant) => grant.clientID);
  const deletedAgain = await refusal(() => management.userGrants.delete(first.id));
  const withoutScope = await refusal(() => narrow.userGrants.list({ user_id: userId }));
  const deletedAll = await management.userGrants.deleteByUserId({ user_id: userId }).withRawResponse();
  const afterDeleteAll = (await management.userGrants.list({ user_id: userId })).data;
  process.stdout.write(
    `${JSON.stringify({
      listed,
      oneAtATime,
      ofFirstClient,
      deleted: { status: deleted.rawResponse.status, data: deleted.data ?? null },
      afterDelete,
      deletedAgain,
      withoutScope,
      deletedAll: { status: deletedAll.rawResponse.status, data: deletedAll.data ?? null },
      afterDeleteAll,
    })}\n`,
  );
  process.exit(0);
} catch (error) {
  process.stdout.write(`${JSON.stringify({ error: String(error?.message ?? error), statusCode: error?.statusCode, body: error?.body })}\n`);
  process.exit(0);
}
