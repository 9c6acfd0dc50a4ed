import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Reads a secret kept in the data directory, creating it on first use. Only the embedded store uses
 * this: a single instance owns its data directory, so a generated key is as durable as the data it
 * seals. The file is created exclusively (flag "wx") so two racing first starts cannot each write
 * a different key.
 */
export function readOrCreateSecret(dataDir: string, fileName: string, bytes: number): string {
  const path = join(dataDir, fileName);
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  try {
    writeFileSync(path, randomBytes(bytes).toString('base64') + '\n', { flag: 'wx', mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  return readFileSync(path, 'utf8').trim();
}
