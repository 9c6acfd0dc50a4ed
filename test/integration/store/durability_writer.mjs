// Child process for durability.test.ts: writes to the embedded store in a loop and prints each id
// only after its write has committed, until it is killed. Usage: node durability_writer.mjs
// <compiled sqlite_store.js> <data dir>
import process from 'node:process';

const [storeModule, dataDir] = process.argv.slice(2);
const { SqliteStore } = await import(storeModule);
const store = SqliteStore.open(dataDir);

for (let i = 0; ; i += 1) {
  const now = new Date().toISOString();
  const userId = `fitbit|D${i}`;
  await store.users.create({
    tenant: 'default',
    userId,
    identities: [{ provider: 'fitbit', connection: 'fitbit', userId: `D${i}`, isSocial: true, api: 'google-health', grantedScopes: [], status: 'connected' }],
    loginsCount: 1,
    createdAt: now,
    updatedAt: now,
  });
  await store.logs.append({ tenant: 'default', id: `log${i}`, date: now, type: 's', userId });
  // Writes to a pipe are synchronous on Linux: once this returns, the parent can read the id.
  process.stdout.write(`${userId}\n`);
}
