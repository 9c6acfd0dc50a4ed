import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { startChildService, type ChildService } from './child_service.js';
import type { SeededExample } from './seed.js';

/** The example application as its own `node` process, configured for a seeded tenant. */
export interface ActivitySyncOptions {
  /** The repository root (the example's entry point is found from it). */
  readonly root: string;
  /** "0" picks a free port; the URL printed at start names the one it got. */
  readonly port: string;
  readonly fitgateUrl: string;
  /** Where it reads Fitbit / Google data: the emulator (its UPSTREAM_BASE_URL). */
  readonly upstreamBaseUrl: string;
  readonly seeded: SeededExample;
  /** The machine-to-machine application it reads users and tokens with. */
  readonly management: { readonly clientId: string; readonly clientSecret: string };
  readonly onLine?: (line: string) => void;
}

export function startActivitySync(options: ActivitySyncOptions): Promise<ChildService> {
  return startChildService({
    name: 'Activity Sync',
    script: join(options.root, 'examples/activity-sync/src/server.js'),
    env: {
      PORT: options.port,
      ISSUER_BASE_URL: options.fitgateUrl,
      CLIENT_ID: options.seeded.clientId,
      CLIENT_SECRET: options.seeded.clientSecret,
      SECRET: randomBytes(32).toString('base64url'),
      MANAGEMENT_CLIENT_ID: options.management.clientId,
      MANAGEMENT_CLIENT_SECRET: options.management.clientSecret,
      UPSTREAM_BASE_URL: options.upstreamBaseUrl,
    },
    ready: /listening on (http\S+)/,
    ...(options.onLine ? { onLine: options.onLine } : {}),
  });
}
