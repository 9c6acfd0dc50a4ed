import type { z } from 'zod';

declare const secretMark: unique symbol;

/** A setting's schema marked secret(): the mark is seen by the type checker (SecretSetting) and at run time (isSecret). */
export type Secret<Schema extends z.ZodType> = Schema & { readonly [secretMark]: true };

const marked = new WeakSet<z.ZodType>();

/**
 * Marks a setting of the schema as holding a secret (a password, a key, credentials in a URL). The
 * mark is the only list of secret settings: secret_settings.ts derives from it the names kept out
 * of the process environment and handed to cluster workers over IPC instead.
 */
export function secret<Schema extends z.ZodType>(schema: Schema): Secret<Schema> {
  marked.add(schema);
  return schema as Secret<Schema>;
}

export function isSecret(schema: z.ZodType): boolean {
  return marked.has(schema);
}
