import session, { type SessionData } from 'express-session';
import type { SqliteDatabase } from './database.js';

const DEFAULT_TTL_MS = 24 * 60 * 60 * 1000;

type Callback<T = void> = (error?: unknown, value?: T) => void;

/**
 * express-session's store on the embedded database, so a restart keeps people signed in. A session
 * lives until its cookie expires (one day when the cookie has no expiry); expired rows are invisible
 * at once and removed by the store's sweeper, so the table does not grow without bound.
 */
export class SqliteSessionStore extends session.Store {
  constructor(private readonly db: SqliteDatabase) {
    super();
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
      this.db
        .prepare('INSERT OR REPLACE INTO sessions (sid, sess, expires_at) VALUES (?, ?, ?)')
        .run(sid, JSON.stringify(data), expiresAt(data));
    });
  }

  override touch(sid: string, data: SessionData, callback?: Callback): void {
    settle(callback, () => {
      this.db.prepare('UPDATE sessions SET expires_at = ? WHERE sid = ? AND expires_at > ?').run(expiresAt(data), sid, Date.now());
    });
  }

  override destroy(sid: string, callback?: Callback): void {
    settle(callback, () => {
      this.db.prepare('DELETE FROM sessions WHERE sid = ?').run(sid);
    });
  }
}

function expiresAt(data: SessionData): number {
  const cookie = data.cookie as { expires?: Date | string | null; maxAge?: number | null } | undefined;
  if (cookie?.expires) return new Date(cookie.expires).getTime();
  if (typeof cookie?.maxAge === 'number') return Date.now() + cookie.maxAge;
  return Date.now() + DEFAULT_TTL_MS;
}

/** Runs a synchronous database step and reports through express-session's callback. */
function settle<T>(callback: Callback<T> | undefined, step: () => T): void {
  let value: T;
  try {
    value = step();
  } catch (error) {
    callback?.(error);
    return;
  }
  callback?.(undefined, value);
}
