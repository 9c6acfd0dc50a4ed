// node-auth0 7's ManagementClient, unchanged: only domain, clientId and clientSecret differ from an
// Auth0 script. Runs the user and log calls of test/compat/management_users.test.ts in order and
// prints what each answered as one JSON line (or {"error": ...}), then exits.
import { ManagementClient } from 'auth0';
import { settings } from './app_process.mjs';

const { domain, clientId, clientSecret, userId, email } = settings();
const management = new ManagementClient({ domain, clientId, clientSecret });

async function refusal(call) {
  try {
    await call();
    return undefined;
  } catch (error) {
    return { statusCode: error.statusCode, message: error.body?.message };
  }
}

try {
  const searched = await management.users.list({ q: 'identities.connection:"fitbit" AND blocked:false', search_engine: 'v3', per_page: 10 });
  const byName = await management.users.list({ q: 'name:ada*', search_engine: 'v3', fields: 'user_id,name', include_fields: true });
  const refusedQuery = await refusal(() => management.users.list({ q: 'app_metadata.plan:"full"', search_engine: 'v3' }));

  await management.users.update(userId, { user_metadata: { theme: 'dark', units: 'metric' }, app_metadata: { plan: 'trial' } });
  const updated = await management.users.update(userId, { user_metadata: { units: null }, app_metadata: { plan: 'full' }, blocked: true });
  const blockedSearch = await management.users.list({ q: 'blocked:true', search_engine: 'v3' });
  const byEmail = await management.users.listUsersByEmail({ email });

  // Checkpoint paging as a log exporter does it: the oldest event first, then everything after it.
  const newest = await management.logs.list({ per_page: 100 });
  const oldest = newest.data[newest.data.length - 1];
  const after = await management.logs.list({}, { queryParams: { from: oldest.log_id, take: 2 } });
  const searchedLogs = await management.logs.list({ search: `type:sapi user_id:"${userId}"` });

  console.log(
    JSON.stringify({
      searched: searched.data,
      searchedTotal: searched.response.total,
      byName: byName.data,
      refusedQuery,
      updated,
      blockedSearch: blockedSearch.data,
      byEmail,
      logs: newest.data,
      oldest,
      after: after.response,
      searchedLogs: searchedLogs.data,
    }),
  );
  process.exit(0);
} catch (error) {
  console.log(JSON.stringify({ error: String(error?.message ?? error), statusCode: error?.statusCode, body: error?.body }));
  process.exit(0);
}
