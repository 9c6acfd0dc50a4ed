import { statSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { DATABASE_FILE } from './database.js';
import type { WriteGate } from './write_gate.js';

/**
 * What /health/ready says when another process holds a file's write lock: every write to it is
 * answered 503 until it lets go, so the instance should leave the rotation. Names the file and the
 * usual holders, in an operator's words; undefined when every file's lock can be had.
 */
export async function lockedFiles(gates: readonly WriteGate[]): Promise<string | undefined> {
  const held = await Promise.all(gates.map((gate) => gate.lockHeld()));
  const files = gates.filter((_, index) => held[index]).map((gate) => basename(gate.path));
  if (files.length === 0) return undefined;
  return (
    `locked: another process holds the write lock on ${files.join(' and ')} in FITGATE_DATA_DIR ` +
    '(a long write by another fitgate or npm run admin on the same directory, a backup tool, an sqlite3 shell in a transaction?); ' +
    'writes are answered 503 until it lets go'
  );
}

/** Which file a connection opened: what is at its path is compared with it at every probe. */
export interface OpenedFile {
  readonly path: string;
  readonly dev: bigint;
  readonly ino: bigint;
}

/** The file now at `path` (just opened). bigint: an inode number may not fit a double's 53 bits. */
export function openedFile(path: string): OpenedFile {
  const { dev, ino } = statSync(path, { bigint: true });
  return { path, dev, ino };
}

/**
 * What /health/ready says when a file this process opened is no longer at its path: deleted (the
 * data directory removed, say) or replaced by another. The open connection goes on reading and
 * writing the old file, so requests still succeed, but what they write is gone once the process
 * stops, and a worker started now opens another file (an empty one: it refuses to serve it). One
 * stat per file, so the probe stays cheap. Undefined while every file is the one opened.
 */
export function movedFiles(files: readonly OpenedFile[]): string | undefined {
  for (const file of files) {
    const change = changeOf(file);
    if (change === undefined) continue;
    const name = basename(file.path);
    const where = `FITGATE_DATA_DIR (${dirname(file.path)})`;
    const what =
      change === 'deleted'
        ? `deleted: ${name} was deleted from ${where} while fitgate runs; this process still uses the deleted file, which is gone once it stops`
        : `replaced: ${name} in ${where} is no longer the file this process opened (deleted and made anew, or replaced, while fitgate runs); ` +
          'this process still uses the old file, which is gone once it stops';
    const remedy =
      name === DATABASE_FILE
        ? 'restore it from a backup (docs/operations.md#backup-and-restore)'
        : 'restart fitgate (it holds only sessions, logins in flight and counters: everyone signs in again)';
    return `${what}: ${remedy}`;
  }
  return undefined;
}

function changeOf(file: OpenedFile): 'deleted' | 'replaced' | undefined {
  let now;
  try {
    now = statSync(file.path, { bigint: true, throwIfNoEntry: false });
  } catch (error) {
    // A path through something that is no longer a directory: nothing is there either.
    if ((error as NodeJS.ErrnoException).code === 'ENOTDIR') return 'deleted';
    throw error;
  }
  if (now === undefined) return 'deleted';
  return now.dev === file.dev && now.ino === file.ino ? undefined : 'replaced';
}
