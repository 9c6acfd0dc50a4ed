import { existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * mkdir -p with the error of the level that failed. Node's recursive mkdir reports any refusal but a
 * handful (EACCES, EPERM, ENOSPC, ENOTDIR) as ENOENT when the directory is still missing afterwards:
 * on a read-only file system (EROFS) or past a quota (EDQUOT) it says the directory "does not exist",
 * which sends an operator looking for a typo in FITGATE_DATA_DIR. On that ENOENT each missing level is
 * made on its own, which either completes the work (a level made meanwhile by another process) or
 * fails with the refusal the file system gave.
 */
export function makeDirectory(path: string, mode: number): void {
  try {
    mkdirSync(path, { recursive: true, mode });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    for (const level of missingLevels(path)) {
      try {
        mkdirSync(level, { mode });
      } catch (refusal) {
        if ((refusal as NodeJS.ErrnoException).code !== 'EEXIST') throw refusal;
      }
    }
  }
}

/** The directories from the first that does not exist down to `path`. */
function missingLevels(path: string): string[] {
  const levels: string[] = [];
  for (let level = path; !existsSync(level); level = dirname(level)) {
    levels.unshift(level);
    if (dirname(level) === level) break;
  }
  return levels;
}

/** `path` when it exists, otherwise the directory nearest above it that does: where a refused mkdir -p was refused. */
export function nearestExisting(path: string): string {
  let level = path;
  while (!existsSync(level) && dirname(level) !== level) level = dirname(level);
  return level;
}
