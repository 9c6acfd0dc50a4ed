// node-auth0 7's ManagementClient, unchanged: only domain, clientId and clientSecret differ from an
// Auth0 script. Runs the user and log calls of test/compat/management_users.test.ts in order and
// prints what each answered as one JSON line (or {"error": ...}), then exits.
import { ManagementClient } from 'auth0';
import { settings } from './app_process.mjs';

const { domain, clientId, clientSecret, narrowClientId, narrowClientSecret, userId, email, reauthUserId, revokedUserId, staleUserId, clearedUserId, emulatorUrl } =
  settings();
const management = new ManagementClient({ domain, clientId, clientSecret });
// Granted update:users_app_metadata and read:logs_users only.
const narrow = new ManagementClient({ domain, clientId: narrowClientId, clientSecret: narrowClientSecret });

/* global fetch -- Node's own, which the lint configuration of these scripts does not list */
/** The emulator's count of Google token refreshes it served (its admin API), to see whether a read reached it. */
async function upstreamRefreshes() {
  const counters = await (await fetch(`${emulatorUrl}/_emulator/counters`)).json();
  return counters['google-health'].refreshes;
}

async function refusal(call) {
  try {
    await call();
    return undefined;
  } catch (error) {
    return { statusCode: error.statusCode, message: error.body?.message, errorCode: error.body?.errorCode };
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

  // The client's token carries read:user_idp_tokens (no scope asked for): a profile read must not need the upstream.
  const reauthProfile = await management.users.get(reauthUserId, { fields: 'user_id,app_metadata', include_fields: true });
  // A whole read, as users.get(id) sends it by default: a user who must log in again is still answered.
  const reauthWhole = await management.users.get(reauthUserId);
  const staleProfile = await management.users.get(staleUserId, { fields: 'identities,app_metadata', include_fields: false });
  const refreshesAfterProfile = await upstreamRefreshes();
  const staleWhole = await management.users.get(staleUserId);
  // One whose grant was revoked upstream: the refresh this read makes is refused, and the read is not.
  const revokedWhole = await management.users.get(revokedUserId);

  const cleared = await management.users.update(clearedUserId, { given_name: null, picture: null, connection: 'fitbit', client_id: clientId, verify_email: false });

  const narrowUpdated = await narrow.users.update(userId, { app_metadata: { seats: '3' } });
  const narrowRefused = await refusal(() => narrow.users.update(userId, { blocked: false }));
  const narrowUserLogs = await narrow.users.logs.list(userId, { per_page: 10 });
  const narrowTenantLogs = await refusal(() => narrow.logs.list({ per_page: 10 }));

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
      reauthProfile,
      reauthWhole,
      revokedWhole,
      staleProfile,
      refreshesAfterProfile,
      staleWhole,
      cleared,
      narrowUpdated,
      narrowRefused,
      narrowUserLogs: narrowUserLogs.data,
      narrowTenantLogs,
    }),
  );
  process.exit(0);
} catch (error) {
  console.log(JSON.stringify({ error: String(error?.message ?? error), statusCode: error?.statusCode, body: error?.body }));
  process.exit(0);
}
