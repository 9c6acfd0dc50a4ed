// Child process for config_cache_across_processes.test.ts: another fitgate process changing a
// client's callbacks and a connection's scope on the shared store, then exiting.
// Usage: node config_writer.mjs <compiled src dir> <sqlite|redis> <data dir | key prefix> <redis url> <json change>
import process from 'node:process';

const [srcDir, kind, location, redisUrl, changeJson] = process.argv.slice(2);
const change = JSON.parse(changeJson);
let store;
if (kind === 'sqlite') {
  const { SqliteStore } = await import(`${srcDir}/store/sqlite/sqlite_store.js`);
  store = SqliteStore.open(location);
} else {
  const { connectRedis } = await import(`${srcDir}/store/redis/connect_redis.js`);
  const { RedisStore } = await import(`${srcDir}/store/redis/redis_store.js`);
  store = new RedisStore(await connectRedis({ url: redisUrl }), location);
}
const client = await store.clients.get(change.tenant, change.clientId);
await store.clients.update({ ...client, callbacks: change.callbacks });
const connection = await store.connections.get(change.tenant, change.connectionId);
await store.connections.update({ ...connection, options: { ...connection.options, scope: change.scope } });
await store.close();
