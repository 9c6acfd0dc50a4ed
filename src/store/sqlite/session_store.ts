import session, { type SessionData } from 'express-session';
import type { SqliteDatabase } from './database.js';
import { writeGateOf, type WriteGate } from './write_gate.js';

const DEFAULT_TTL_MS = 24 * 60 * 60 * 1000;

type Callback<T = void> = (error?: unknown, value?: T) => void;

/**
 * express-session's store on the embedded database, so a restart keeps people signed in. A session
 * lives until its cookie expires (one day when the cookie has no expiry); expired rows are invisible
 * at once and removed by the store's sweeper, so the table does not grow without bound. Writes go
 * through the file's WriteGate: answered at once, or once another process lets go of the lock.
 */
export class SqliteSessionStore extends session.Store {
  private readonly writes: WriteGate;

  constructor(private readonly db: SqliteDatabase) {
    super();
    this.writes = writeGateOf(db);
  }

  override get(sid: string, callback: Callback<SessionData | null>): void {
    settle(callback, () => {
      const row = this.db.prepare('SELECT sess FROM sessions WHERE sid = ? AND expires_at > ?').get(sid, Date.now()) as
        | { sess: string }
        | undefined;
      return row === undefined ? null : (JSON.parse(row.sess) as SessionData);
    });
  }

  override set(sid: string, data: SessionData, callback?: Callback): void {
    settle(callback, () => {
      const sess = JSON.stringify(data);
      const until = expiresAt(data);
      return this.writes.write(() => {
        this.db.prepare('INSERT OR REPLACE INTO sessions (sid, sess, expires_at) VALUES (?, ?, ?)').run(sid, sess, until);
      });
    });
  }

  override touch(sid: string, data: SessionData, callback?: Callback): void {
    settle(callback, () => {
      const until = expiresAt(data);
      return this.writes.write(() => {
        this.db.prepare('UPDATE sessions SET expires_at = ? WHERE sid = ? AND expires_at > ?').run(until, sid, Date.now());
      });
    });
  }

  override destroy(sid: string, callback?: Callback): void {
    settle(callback, () =>
      this.writes.write(() => {
        this.db.prepare('DELETE FROM sessions WHERE sid = ?').run(sid);
      }),
    );
  }
}

function expiresAt(data: SessionData): number {
  const cookie = data.cookie as { expires?: Date | string | null; maxAge?: number | null } | undefined;
  if (cookie?.expires) return new Date(cookie.expires).getTime();
  if (typeof cookie?.maxAge === 'number') return Date.now() + cookie.maxAge;
  return Date.now() + DEFAULT_TTL_MS;
}

/**
 * Runs a database step and reports through express-session's callback: at once when the step
 * answered at once, as it does unless another process holds the lock; later otherwise.
 */
function settle<T>(callback: Callback<T> | undefined, step: () => T | Promise<T>): void {
  let value: T | Promise<T>;
  try {
    value = step();
  } catch (error) {
    callback?.(error);
    return;
  }
  if (!(value instanceof Promise)) {
    callback?.(undefined, value);
    return;
  }
  value.then(
    (later) => process.nextTick(() => callback?.(undefined, later)),
    (error: unknown) => process.nextTick(() => callback?.(error)),
  );
}
