import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startActivitySync } from './example/activity_sync.js';
import { startChildService, type ChildService } from './example/child_service.js';
import { seedExampleTenant } from './example/seed.js';

/**
 * `npm run example`: the Fitbit emulator, fitgate and the Activity Sync example, each its own
 * process as it would be deployed, with a freshly seeded tenant (temporary data directory, removed
 * on exit). Prints the one URL to open; Ctrl-C stops all three.
 *
 * Ports: EXAMPLE_PORT (3001), PORT for fitgate (3000), EMULATOR_PORT (4010).
 */

const root = resolve(import.meta.dirname, '..', '..');
const ports = {
  emulator: process.env.EMULATOR_PORT ?? '4010',
  fitgate: process.env.PORT ?? '3000',
  example: process.env.EXAMPLE_PORT ?? '3001',
};

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'fitgate-example-'));
  const services: ChildService[] = [];
  let stopping = false;
  const stopAll = async (code: number) => {
    if (stopping) return;
    stopping = true;
    for (const service of services.reverse()) await service.stop();
    rmSync(dataDir, { recursive: true, force: true });
    process.exit(code);
  };
  process.once('SIGINT', () => void stopAll(0));
  process.once('SIGTERM', () => void stopAll(0));
  const watch = (service: ChildService) => {
    services.push(service);
    void service.exited.then(() => {
      if (stopping) return;
      process.stderr.write(`npm run example: ${service.name} stopped unexpectedly; stopping the others\n`);
      void stopAll(1);
    });
    return service;
  };

  try {
    const bootstrap = { clientId: 'example-automation', clientSecret: randomBytes(32).toString('base64url') };
    const admin = { email: 'admin@example.localhost', password: randomBytes(12).toString('base64url') };
    const fitgateUrl = `http://localhost:${ports.fitgate}`;

    const emulator = watch(
      await startChildService({
        name: 'the Fitbit emulator',
        script: join(root, 'dist/src/emulator/standalone.js'),
        env: { EMULATOR_PORT: ports.emulator },
        ready: /listening on (http\S+)/,
      }),
    );

    watch(
      await startChildService({
        name: 'fitgate',
        script: join(root, 'dist/src/server.js'),
        env: {
          PORT: ports.fitgate,
          FITGATE_PUBLIC_URL: fitgateUrl,
          FITGATE_DATA_DIR: dataDir,
          FITGATE_UPSTREAM_BASE_URL: emulator.url,
          FITGATE_SANDBOX: 'off',
          FITGATE_BOOTSTRAP_CLIENT_ID: bootstrap.clientId,
          FITGATE_BOOTSTRAP_CLIENT_SECRET: bootstrap.clientSecret,
          FITGATE_ADMIN_EMAIL: admin.email,
          FITGATE_ADMIN_PASSWORD: admin.password,
          LOG_LEVEL: 'warn',
        },
        // Its start-up line, a JSON log line on a stdout that is no terminal.
        ready: /"dashboardUrl":"([^"]+)"/,
        onLine: (line) => process.stdout.write(`[fitgate] ${line}\n`),
      }),
    );

    const seeded = await seedExampleTenant({ fitgateUrl, emulatorUrl: emulator.url, bootstrap });
    const example = watch(
      await startActivitySync({
        root,
        port: ports.example,
        fitgateUrl,
        upstreamBaseUrl: emulator.url,
        seeded,
        management: bootstrap,
        onLine: (line) => process.stdout.write(`[activity-sync] ${line}\n`),
      }),
    );
    await seeded.registerExampleUrl(example.url);

    process.stdout.write(
      [
        '',
        `  Open ${example.url}  and go to Connections → Fitbit → Connect.`,
        '',
        `  On the emulated consent page pick a test user (alice, bob or carol) and press Allow.`,
        `  fitgate dashboard: ${fitgateUrl}/manage  (${admin.email} / ${admin.password}, this run only)`,
        '  Ctrl-C stops the emulator, fitgate and the example.',
        '',
      ].join('\n'),
    );
  } catch (error) {
    process.stderr.write(`npm run example: ${error instanceof Error ? error.message : String(error)}\n`);
    await stopAll(1);
  }
}

void main();
