// Preloaded into a fitgate process by the crash tests (NODE_OPTIONS=--import=<this file>): SIGUSR2
// makes the process crash as a bug would, by an uncaught exception, or by an unhandled rejection
// when CRASH_WITH=rejection. Cluster workers inherit NODE_OPTIONS, so each of them has it too.
import { setImmediate } from 'node:timers';

process.on('SIGUSR2', () => {
  if (process.env.CRASH_WITH === 'rejection') {
    void Promise.reject(new Error('test crash: an unhandled rejection'));
    return;
  }
  setImmediate(() => {
    throw new Error('test crash: an uncaught exception');
  });
});
