import { z } from 'zod';

/**
 * A metadata object (a user's app_metadata or user_metadata, a client's client_metadata, a
 * connection's metadata) that names `__proto__` is refused. zod copies a record without that key (it
 * would set a prototype), so a patch of it alone would arrive as a patch of no keys, which means
 * "remove all the metadata" (a 200 that silently deletes), and a key dropped from an object that
 * replaces the stored one would be lost without a word. The check runs on the object as parsed from
 * JSON, before the record is copied.
 */
export function refusingProtoKey<T extends z.ZodType>(record: T) {
  return z.preprocess((value, ctx) => {
    if (typeof value === 'object' && value !== null && Object.hasOwn(value, '__proto__')) {
      ctx.addIssue({ code: 'custom', message: 'Keys must not be __proto__', input: value });
    }
    return value;
  }, record);
}
