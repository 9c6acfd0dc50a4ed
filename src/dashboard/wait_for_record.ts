import { setTimeout as delay } from 'node:timers/promises';

/** How often a waiting request reads again: a person's double click, not a batch job. */
const POLL_INTERVAL_MS = 50;

/**
 * Reads `read` until it answers something other than undefined, or `boundMs` have passed (then
 * undefined): for a request that found another, perhaps on another worker, still making what it
 * should land on. The store cannot say when a record appears, so it is read again until it does.
 */
export async function waitForRecord<T>(read: () => Promise<T | undefined>, boundMs: number): Promise<T | undefined> {
  const giveUpAt = Date.now() + boundMs;
  for (;;) {
    const found = await read();
    if (found !== undefined || Date.now() >= giveUpAt) return found;
    await delay(POLL_INTERVAL_MS);
  }
}
