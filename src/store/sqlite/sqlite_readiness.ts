import { basename } from 'node:path';
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
