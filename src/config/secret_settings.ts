import type { z } from 'zod';
import { isSecret, type Secret } from './secret.js';
import { environmentSchema } from './schema.js';

type Shape = typeof environmentSchema.shape;

/** The name of a setting the schema marks secret(), e.g. "FITGATE_MASTER_KEY". */
export type SecretSetting = { [Name in keyof Shape]: Shape[Name] extends Secret<z.ZodType> ? Name : never }[keyof Shape];

/** Every secret setting, read off the schema's marks: no second list to keep. */
export const SECRET_SETTINGS: readonly SecretSetting[] = Object.freeze(
  Object.entries(environmentSchema.shape)
    .filter(([, schema]) => isSecret(schema))
    .map(([name]) => name as SecretSetting),
);

/** `environment` without the secret settings. */
export function withoutSecrets(environment: Readonly<Record<string, string | undefined>>): Record<string, string | undefined> {
  const names = new Set<string>(SECRET_SETTINGS);
  return Object.fromEntries(Object.entries(environment).filter(([name]) => !names.has(name)));
}

/**
 * Each secret setting as undefined: the environment a cluster primary passes to cluster.fork(),
 * which starts the worker with `{ ...process.env, ...this }`; child_process leaves out a variable
 * whose value is undefined, so none of these reaches the worker, whatever process.env holds.
 */
export function secretsUnset(): Readonly<Record<SecretSetting, undefined>> {
  return Object.freeze(Object.fromEntries(SECRET_SETTINGS.map((name) => [name, undefined])) as Record<SecretSetting, undefined>);
}
