import { spawn } from 'node:child_process';
import { once } from 'node:events';
import Database from 'libsql';

/** A write lock held on one of the embedded store's files until released. */
export interface HeldLock {
  release(): Promise<void>;
}

/**
 * Another connection on the file takes its write lock (BEGIN IMMEDIATE) and keeps it: SQLite keeps
 * two connections of one process apart exactly as it keeps two processes apart, and a holder in
 * this process can let go while the store's writes wait, which shows they wait off the event loop.
 */
export function holdWriteLock(path: string): HeldLock {
  const other = new Database(path);
  other.exec('BEGIN IMMEDIATE');
  return {
    async release() {
      other.exec('ROLLBACK');
      other.close();
    },
  };
}

/**
 * The same from a child process, as `npm run admin` or a backup tool would hold it: resolves once
 * the lock is taken; release() ends its transaction and waits for it to exit.
 */
export async function holdWriteLockInChild(path: string): Promise<HeldLock> {
  const held = await holdWriteLockInChildUntilCued(path);
  return {
    async release() {
      await held.releaseIn(0);
    },
  };
}

/** A write lock another process holds until told to let go. */
export interface CuedLock {
  /**
   * Tells the holder, at once (a pipe write, done before this returns), to let go `afterMs` later.
   * Resolves once it has exited, with when it let go: process.hrtime.bigint() just before its
   * ROLLBACK, read from CLOCK_MONOTONIC, which every process on the machine shares.
   */
  releaseIn(afterMs: number): Promise<bigint>;
}

/**
 * holdWriteLockInChild, but let go a known time after a cue rather than at once: a test can then
 * ask for a write right after the cue and know the lock is still held when the write starts.
 */
export async function holdWriteLockInChildUntilCued(path: string): Promise<CuedLock> {
  const child = spawn(
    process.execPath,
    [
      '--input-type=module',
      '-e',
      `import Database from 'libsql';
       const db = new Database(${JSON.stringify(path)});
       db.exec('BEGIN IMMEDIATE');
       process.stdout.write('locked\\n');
       process.stdin.once('data', (afterMs) => {
         setTimeout(() => {
           const at = process.hrtime.bigint();
           db.exec('ROLLBACK');
           db.close();
           process.stdout.write(at + '\\n');
           process.exit(0);
         }, Number(afterMs));
       });`,
    ],
    { cwd: process.cwd(), stdio: ['pipe', 'pipe', 'inherit'] },
  );
  // 'close', not 'exit': the child's last output has been read by then.
  const closed = once(child, 'close');
  // A holder that dies before taking the lock fails the test now rather than at its timeout.
  await Promise.race([once(child.stdout, 'data'), closed.then(([code]) => Promise.reject(new Error(`the lock holder exited with ${String(code)}`)))]);
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return {
    async releaseIn(afterMs) {
      child.stdin.write(`${afterMs}\n`);
      await closed;
      return BigInt(output.trim());
    },
  };
}

/**
 * A child process committing fsynced transactions on fitgate.db in a loop, as another worker under
 * load does: each holds the write lock for 2 ms and its commit, then lets it go for 3 ms (each
 * rewrites the config_version row with its own value: a real write, which changes nothing anyone
 * reads). stop() ends it.
 */
export async function commitInChild(path: string): Promise<{ stop(): Promise<void> }> {
  const child = spawn(
    process.execPath,
    [
      '--input-type=module',
      '-e',
      `import Database from 'libsql';
       const db = new Database(${JSON.stringify(path)});
       db.pragma('busy_timeout = 1000');
       db.pragma('synchronous = FULL');
       let running = true;
       process.stdin.once('data', () => { running = false; });
       process.stdout.write('committing\\n');
       const pause = () => new Promise((resolve) => setTimeout(resolve, 3));
       while (running) {
         db.exec('BEGIN IMMEDIATE');
         db.prepare('UPDATE config_version SET version = version WHERE id = 1').run();
         for (const until = performance.now() + 2; performance.now() < until; );
         db.exec('COMMIT');
         await pause();
       }
       db.close();
       process.exit(0);`,
    ],
    { cwd: process.cwd(), stdio: ['pipe', 'pipe', 'inherit'] },
  );
  const exited = once(child, 'exit');
  await once(child.stdout, 'data');
  return {
    async stop() {
      child.stdin.write('stop\n');
      await exited;
    },
  };
}

/**
 * Watches the event loop: a timer every `everyMs`, and the longest gap between two of its ticks,
 * which is how long the loop was held (a synchronous busy wait shows as a gap of its length).
 */
export function watchEventLoop(everyMs = 10): { stop(): number } {
  let last = performance.now();
  let longest = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
  }, everyMs);
  return {
    stop() {
      clearInterval(timer);
      return Math.max(longest, performance.now() - last);
    },
  };
}
