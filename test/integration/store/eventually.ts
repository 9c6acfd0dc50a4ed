import { setTimeout as delay } from 'node:timers/promises';

/**
 * Polls `check` until it returns something other than undefined, and returns that; fails after
 * `timeoutMs`. For things that happen with time (a TTL running out), not for readiness.
 */
export async function eventually<T>(check: () => Promise<T | undefined>, what: string, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting until ${what}`);
    await delay(20);
  }
}
