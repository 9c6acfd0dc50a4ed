import { promisify } from 'node:util';
import { expect, it } from '@jest/globals';
import type { SessionData, Store as SessionStore } from 'express-session';
import { describeEachStore } from '../../support/stores.js';
import { eventually } from './eventually.js';
import { uniqueId } from './records.js';

interface Sessions {
  get(sid: string): Promise<SessionData | null | undefined>;
  set(sid: string, data: SessionData): Promise<void>;
  touch(sid: string, data: SessionData): Promise<void>;
  destroy(sid: string): Promise<void>;
}

/** express-session stores speak callbacks; this is how express-session itself calls them. */
function promised(store: SessionStore): Sessions {
  return {
    get: promisify(store.get.bind(store)),
    set: promisify(store.set.bind(store)),
    touch: promisify((store.touch as NonNullable<SessionStore['touch']>).bind(store)),
    destroy: promisify(store.destroy.bind(store)),
  };
}

/** Session data as express-session serialises it: a cookie expiring in `ms`, and what the app keeps. */
function sessionExpiringIn(ms: number, data: Record<string, unknown> = {}): SessionData {
  const expires = new Date(Date.now() + ms);
  return { cookie: { originalMaxAge: ms, expires, httpOnly: true, path: '/', sameSite: 'lax' }, ...data } as unknown as SessionData;
}

/**
 * A session meant to expire during the test: within eventually()'s 5 s, yet long enough that a
 * stalled machine still reads or touches it before it does.
 */
const SHORT_LIFE_MS = 2_000;

describeEachStore('session store', (h) => {
  const sessions = () => promised(h.store().sessionStore());

  it('returns a saved session, and nothing for an unknown id', async () => {
    const sid = uniqueId('sid');
    await sessions().set(sid, sessionExpiringIn(60_000, { adminEmail: 'ada@example.com' }));
    expect(await sessions().get(sid)).toMatchObject({ adminEmail: 'ada@example.com', cookie: { path: '/' } });
    expect(await sessions().get(uniqueId('sid'))).toBeFalsy();
  });

  it('forgets a destroyed session', async () => {
    const sid = uniqueId('sid');
    await sessions().set(sid, sessionExpiringIn(60_000));
    await sessions().destroy(sid);
    expect(await sessions().get(sid)).toBeFalsy();
  });

  it('keeps a session across a restart of the store', async () => {
    const sid = uniqueId('sid');
    await sessions().set(sid, sessionExpiringIn(60_000, { adminEmail: 'grace@example.com' }));
    const restarted = await h.testStore().reopen();
    expect(await promised(restarted.sessionStore()).get(sid)).toMatchObject({ adminEmail: 'grace@example.com' });
  });

  it('drops a session once its cookie has expired', async () => {
    const sid = uniqueId('sid');
    await sessions().set(sid, sessionExpiringIn(SHORT_LIFE_MS, { n: 1 }));
    expect(await sessions().get(sid)).toMatchObject({ n: 1 });
    await eventually(async () => ((await sessions().get(sid)) ? undefined : true), 'the session expires');
  });

  it('keeps a touched session alive past its first expiry', async () => {
    const touched = uniqueId('sid');
    const untouched = uniqueId('sid');
    await sessions().set(touched, sessionExpiringIn(SHORT_LIFE_MS, { n: 1 }));
    await sessions().set(untouched, sessionExpiringIn(SHORT_LIFE_MS, { n: 2 }));
    expect(await sessions().get(untouched)).toMatchObject({ n: 2 });
    await sessions().touch(touched, sessionExpiringIn(60_000, { n: 1 }));
    await eventually(async () => ((await sessions().get(untouched)) ? undefined : true), 'the untouched session expires');
    expect(await sessions().get(touched)).toMatchObject({ n: 1 });
  });
});
