import type { AddressInfo } from 'node:net';
import { createEmulator, type Emulator } from './app.js';
import type { EmulatorControl } from './control.js';
import type { EmulatorOptions } from './types.js';

export { createEmulator, type Emulator } from './app.js';
export { EMULATED_UPSTREAMS, SANDBOX_CLIENT_IDS, type EmulatedUpstream } from './sandbox_apps.js';
export type { EmulatorControl } from './control.js';
export { EmulatorInputError } from './schemas.js';
export type * from './types.js';
export { HOSTS, LEGACY_HOSTS } from './types.js';
export { DEFAULT_APPS, DEFAULT_USERS, DEFAULT_CALLBACK } from './seed.js';
export { DEFAULT_SETTINGS } from './settings.js';

export interface RunningEmulator {
  /** Base URL without a trailing slash, e.g. "http://127.0.0.1:4010": hosts are path prefixes below it. */
  readonly url: string;
  readonly control: EmulatorControl;
  close(): Promise<void>;
}

/** Starts the emulator on its own HTTP server (port 0 picks a free port). */
export async function startEmulator(
  options: EmulatorOptions & { port?: number; host?: string } = {},
): Promise<RunningEmulator> {
  const emulator: Emulator = createEmulator(options);
  const host = options.host ?? '127.0.0.1';
  const server = emulator.app.listen(options.port ?? 0, host);
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const { port } = server.address() as AddressInfo;
  const urlHost = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${urlHost}:${port}`,
    control: emulator.control,
    close: () =>
      new Promise<void>((resolve, reject) => {
        emulator.releaseHeld();
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
