import { z } from 'zod';
import { ConfigError } from './config_error.js';
import { port } from './whole_number.js';

/**
 * The standalone emulator's own settings (`npm run emulator`), apart from fitgate's: the emulator
 * is a separate program and must start without any of fitgate's variables.
 */
export interface EmulatorConfig {
  readonly port: number;
  /** Interface to listen on; loopback unless told otherwise, since the admin API has no authentication. */
  readonly host: string;
  /** JSON file with apps, users and settings (see docs/emulator.md). */
  readonly seedFile: string | undefined;
}

const emulatorEnvironmentSchema = z.object({
  /** Port of the standalone emulator. */
  EMULATOR_PORT: port.default(4010),
  /** Listen address. */
  EMULATOR_HOST: z.string().min(1).default('127.0.0.1'),
  /** Optional seed file: registered apps, test users, settings. */
  EMULATOR_SEED_FILE: z.string().min(1).optional(),
});

export function loadEmulatorConfig(environment: Record<string, string | undefined>): EmulatorConfig {
  const present = Object.fromEntries(Object.entries(environment).filter(([, value]) => value !== undefined && value !== ''));
  const parsed = emulatorEnvironmentSchema.safeParse(present);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ConfigError(String(issue?.path[0] ?? 'environment'), issue?.message ?? 'is invalid');
  }
  return Object.freeze({ port: parsed.data.EMULATOR_PORT, host: parsed.data.EMULATOR_HOST, seedFile: parsed.data.EMULATOR_SEED_FILE });
}

/** The one place the standalone emulator reads the process environment. */
export function emulatorConfigFromProcess(): EmulatorConfig {
  return loadEmulatorConfig(process.env);
}
