import { chmod, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { AdminRepository } from '../../domain/ports.js';
import { verifyPassword } from '../../domain/passwords.js';

/**
 * The generated password of the first admin, kept in the data directory as well as printed once, so
 * it does not scroll away under the request logs. Readable by its owner only (0600), and removed as
 * soon as it stops being the password: when the admin changes it, or when it is reset.
 */
export const FIRST_PASSWORD_FILE = 'admin-password.txt';

export interface FirstPassword {
  email: string;
  password: string;
}

export function firstPasswordFilePath(dataDir: string): string {
  return join(dataDir, FIRST_PASSWORD_FILE);
}

export async function writeFirstPasswordFile(dataDir: string, first: FirstPassword): Promise<string> {
  const path = firstPasswordFilePath(dataDir);
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  const text = [
    '# The first fitgate admin and its generated password. Sign in at /manage and change it under',
    '# your email (/manage/account): this file is removed then.',
    `email: ${first.email}`,
    `password: ${first.password}`,
    '',
  ].join('\n');
  await writeFile(path, text, { mode: 0o600 });
  // The mode given to writeFile applies only to a new file; an old one keeps its own.
  await chmod(path, 0o600);
  return path;
}

/** The file's admin and password; undefined when there is no readable file. */
export async function readFirstPasswordFile(dataDir: string): Promise<FirstPassword | undefined> {
  let text: string;
  try {
    text = await readFile(firstPasswordFilePath(dataDir), 'utf8');
  } catch {
    return undefined;
  }
  const email = /^email: (.+)$/m.exec(text)?.[1];
  const password = /^password: (.+)$/m.exec(text)?.[1];
  return email && password ? { email, password } : undefined;
}

/** Removes the file when it is about `email` (another admin's password change leaves it). True when removed. */
export async function removeFirstPasswordFile(dataDir: string, email: string): Promise<boolean> {
  const first = await readFirstPasswordFile(dataDir);
  if (first?.email.toLowerCase() !== email.toLowerCase()) return false;
  await rm(firstPasswordFilePath(dataDir), { force: true });
  return true;
}

/**
 * At start: the path of a file that still holds its admin's current password, else undefined.
 * A file whose password no longer opens its admin (changed on another instance, say) is removed.
 */
export async function currentFirstPasswordFile(dataDir: string, admins: Pick<AdminRepository, 'get'>): Promise<string | undefined> {
  const first = await readFirstPasswordFile(dataDir);
  if (!first) return undefined;
  const admin = await admins.get(first.email);
  if (admin?.passwordHash && (await verifyPassword(first.password, admin.passwordHash))) return firstPasswordFilePath(dataDir);
  await rm(firstPasswordFilePath(dataDir), { force: true });
  return undefined;
}
