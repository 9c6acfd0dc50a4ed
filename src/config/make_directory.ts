import { existsSync, lstatSync, mkdirSync, readlinkSync, statfsSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/**
 * mkdir -p for the data directory, one level at a time, with the error of the level that failed.
 * Node's recursive mkdir is not used: it reports most refusals (EROFS on a read-only mount, EDQUOT
 * past a quota) as ENOENT, which sends an operator looking for a typo in FITGATE_DATA_DIR, and where
 * the kernel answers ENOENT to a mkdir under a directory that exists (/proc) it retries forever at
 * full CPU. Here each missing level is attempted once, so the work ends after as many calls as the
 * path has levels: done, or refused with what the file system said about that level.
 *
 * What a plain errno would misstate is an UnusableDirectoryError, whose message says what is wrong
 * and what to do: a symbolic link to nothing (a volume that is not mounted), a level that is a file,
 * and a place on one of the kernel's virtual file systems.
 */
export function makeDirectory(path: string, mode: number): void {
  try {
    makeLevels(path, mode);
  } catch (refusal) {
    // Each level was seen a moment before (levelsOf): one gone now was removed meanwhile, by another
    // process, and no permission is at fault.
    if ((refusal as NodeJS.ErrnoException).code === 'ENOENT') throw new UnusableDirectoryError(path, missingLevel(path), { cause: refusal });
    throw refusal;
  }
}

function makeLevels(path: string, mode: number): void {
  const { top, missing } = levelsOf(path);
  refuseVirtualFileSystem(path, top);
  if (!statSync(top).isDirectory()) throw notADirectory(path, top);
  for (const level of missing) {
    try {
      mkdirSync(level, { mode });
    } catch (refusal) {
      // Made meanwhile by another process (a second fitgate, a worker): fine if it is a directory.
      if ((refusal as NodeJS.ErrnoException).code !== 'EEXIST') throw refusal;
      if (!statSync(level).isDirectory()) throw notADirectory(path, level);
    }
  }
}

/** The data directory cannot be made or used where it is, for a reason its message gives, with the fix. */
export class UnusableDirectoryError extends Error {
  constructor(
    readonly path: string,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'UnusableDirectoryError';
  }
}

/**
 * The nearest level of `path` that exists (`path` itself, or a directory above it), and the missing
 * levels below it, top down. A level that exists only as a symbolic link leading nowhere is refused
 * here: mkdir would answer EEXIST for the link and ENOENT for the level below, and neither says that
 * the link's target is what is missing.
 */
function levelsOf(path: string): { top: string; missing: string[] } {
  const missing: string[] = [];
  let level = path;
  while (!existsSync(level)) {
    refuseBrokenLink(path, level);
    const parent = dirname(level);
    // The root, or "." of a working directory that was removed: nothing above to start from.
    if (parent === level) break;
    missing.unshift(level);
    level = parent;
  }
  return { top: level, missing };
}

function refuseBrokenLink(path: string, level: string): void {
  if (!isSymbolicLink(level)) return;
  const target = resolve(dirname(level), readlinkSync(level));
  let loops = false;
  try {
    statSync(level);
  } catch (error) {
    loops = (error as NodeJS.ErrnoException).code === 'ELOOP';
  }
  const what = loops
    ? `${level} is a symbolic link that leads back to itself (a loop of links)`
    : `${level} is a symbolic link to ${target}, which does not exist (a volume that is not mounted, or a target removed or renamed)`;
  const fix = loops ? `point ${level} at a directory` : `mount or create ${target}`;
  throw new UnusableDirectoryError(path, `${what}; ${fix}, or set FITGATE_DATA_DIR to a directory that exists`);
}

function isSymbolicLink(level: string): boolean {
  try {
    return lstatSync(level).isSymbolicLink();
  } catch {
    // Not there at all, below a file, or not visible to this process: mkdir then says which.
    return false;
  }
}

function notADirectory(path: string, level: string): UnusableDirectoryError {
  return new UnusableDirectoryError(path, `${level === path ? 'it' : level} is not a directory; set FITGATE_DATA_DIR to a directory`);
}

/**
 * Linux's file systems that show the kernel's state and keep no files (statfs f_type): a mkdir there
 * is refused in words that fit a missing or forbidden directory (ENOENT in /proc, EPERM in /sys as
 * root), or in the cgroup file systems it makes a control group instead of a directory.
 */
const VIRTUAL_FILE_SYSTEMS: ReadonlyMap<number, string> = new Map([
  [0x9fa0, 'proc'],
  [0x62656572, 'sysfs'],
  [0x27e0eb, 'cgroup'],
  [0x63677270, 'cgroup2'],
  [0x64626720, 'debugfs'],
  [0x74726163, 'tracefs'],
  [0x73636673, 'securityfs'],
]);

function refuseVirtualFileSystem(path: string, top: string): void {
  // The magic numbers are Linux's; elsewhere statfs numbers file systems its own way.
  if (process.platform !== 'linux') return;
  let name: string | undefined;
  try {
    name = VIRTUAL_FILE_SYSTEMS.get(statfsSync(top).type);
  } catch {
    // A place statfs may not look at: what mkdir or the first write says is reported instead.
    return;
  }
  if (name === undefined) return;
  throw new UnusableDirectoryError(
    path,
    `${top} is on the kernel's ${name} file system, which shows the system's state and keeps no files; set FITGATE_DATA_DIR to a directory on a disk or volume`,
  );
}

/** `path` when it exists, otherwise the directory nearest above it that does: where a refused mkdir -p was refused. */
export function nearestExisting(path: string): string {
  let level = path;
  while (!existsSync(level) && dirname(level) !== level) level = dirname(level);
  return level;
}

/**
 * Why ENOENT refused `target` (the data directory, or a file in it) while fitgate was making or
 * writing it: a level of its path is not there, most often because another process removed it during
 * the start. Said so, with the nearest level still there, since advice about write access or a typo
 * would send the operator to the wrong fix.
 */
export function missingLevel(target: string): string {
  const nearest = nearestExisting(target);
  const where = nearest !== target && existsSync(nearest) ? `; ${nearest} is the nearest level that exists now` : '';
  return (
    `a level of ${target} disappeared or does not exist (removed by another process while fitgate was starting?)${where}; ` +
    'start fitgate again once nothing removes it, or set FITGATE_DATA_DIR to a directory that stays'
  );
}
