import { createClient } from 'redis';
import { RedisStore } from 'connect-redis';
import { isFitbitApi } from '../../src/connections/fitbit/api.js';
import { createPeerApp } from './peer_app.js';

/**
 * The peer as its own process, configured by the benchmark through PEER_* variables (PEER_API picks
 * the upstream, google-health unless told otherwise); prints "peer listening on <url>" once it
 * accepts connections.
 */
function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required`);
  return value;
}

async function main(): Promise<void> {
  const api = process.env.PEER_API ?? 'google-health';
  if (!isFitbitApi(api)) throw new Error(`PEER_API must be "google-health" or "fitbit-legacy", not "${api}"`);
  const port = Number(required('PEER_PORT'));
  const publicUrl = `http://127.0.0.1:${port}`;
  const redisUrl = process.env.PEER_REDIS_URL;
  const redis = redisUrl ? createClient({ url: redisUrl }) : undefined;
  if (redis) {
    redis.on('error', (error: Error) => process.stderr.write(`peer: Redis error: ${error.message}\n`));
    await redis.connect();
  }
  const app = createPeerApp({
    publicUrl,
    upstreamBaseUrl: required('PEER_UPSTREAM_BASE_URL'),
    api,
    clientId: required('PEER_CLIENT_ID'),
    clientSecret: required('PEER_CLIENT_SECRET'),
    sessionSecret: required('PEER_SESSION_SECRET'),
    ...(redis ? { sessionStore: new RedisStore({ client: redis, prefix: required('PEER_REDIS_PREFIX') }) } : {}),
  });
  const server = app.listen(port, '127.0.0.1', () => process.stdout.write(`peer listening on ${publicUrl}\n`));
  const stop = (): void => {
    server.close(() => {
      if (redis) redis.destroy();
      process.exit(0);
    });
    server.closeAllConnections();
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`peer: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
