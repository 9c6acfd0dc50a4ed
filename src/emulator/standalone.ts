import { readFileSync } from 'node:fs';
import { emulatorConfigFromProcess, type EmulatorConfig } from '../config/emulator_config.js';
import { startEmulator } from './index.js';
import { parseInput, seedFileSchema } from './schemas.js';
import type { EmulatorOptions } from './types.js';

/** `npm run emulator`: the Fitbit + Google emulator on its own port, seeded from EMULATOR_SEED_FILE. */

function readSeed(config: EmulatorConfig): EmulatorOptions {
  if (!config.seedFile) return {};
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(config.seedFile, 'utf8'));
  } catch (error) {
    throw new Error(`EMULATOR_SEED_FILE: cannot read ${config.seedFile} as JSON (${(error as Error).message})`, { cause: error });
  }
  try {
    return parseInput(seedFileSchema, raw);
  } catch (error) {
    throw new Error(`EMULATOR_SEED_FILE: ${(error as Error).message}`, { cause: error });
  }
}

async function main(): Promise<void> {
  const config = emulatorConfigFromProcess();
  const emulator = await startEmulator({ ...readSeed(config), port: config.port, host: config.host });
  // Client ids and logins only: secrets stay out of the console (docs/emulator.md lists the demo ones).
  const lines = [
    `Fitbit + Google emulator listening on ${emulator.url}`,
    `  point fitgate at it: FITGATE_UPSTREAM_BASE_URL=${emulator.url}`,
    `  admin API: ${emulator.url}/_emulator/`,
    '  apps:',
    ...emulator.control.apps().map((app) => `    ${app.clientId}  ${app.api} ${app.type}  -> ${app.redirectUris.join(', ')}`),
    '  test users:',
    ...emulator.control.users().map((user) => `    ${user.login}  legacy ${user.legacyUserId}  health ${user.healthUserId}  ${user.email}`),
  ];
  process.stdout.write(lines.join('\n') + '\n');

  const stop = (): void => {
    emulator.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
