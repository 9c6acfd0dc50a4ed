/**
 * NODE_OPTIONS that make SIGUSR2 crash a fitgate process (and each of its workers) as a bug would:
 * by an uncaught exception, or an unhandled rejection with CRASH_WITH=rejection
 * (test/support/crash_on_signal.mjs).
 */
export const CRASH_ON_SIGUSR2 = `--import=${new URL('../../support/crash_on_signal.mjs', import.meta.url).href}`;
