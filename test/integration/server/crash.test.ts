import { describe, expect, it } from '@jest/globals';
import { CRASH_ON_SIGUSR2 } from './crash_on_signal.js';
import { SERVER_TEST_TIMEOUT_MS, useServerOnTempData } from './spawn_server.js';

interface LogLine {
  level: number;
  msg: string;
  origin?: string;
  exitCode?: number;
  err?: { message: string; stack: string };
}

/**
 * An uncaught exception or unhandled rejection anywhere ends the process with one fatal JSON line
 * holding the error, a bounded graceful stop, and exit code 1 (src/process_stop.ts), instead of
 * Node's bare stack on stderr with the store left as it was.
 */
describe('a crash of the serving process', () => {
  const servers = useServerOnTempData();

  it.each([
    ['an uncaught exception', 'exception', 'uncaughtException'],
    ['an unhandled rejection', 'rejection', 'unhandledRejection'],
  ])('by %s: one fatal log line with the error, the graceful stop, exit code 1', async (_, crashWith, origin) => {
    const server = servers.start({ NODE_OPTIONS: CRASH_ON_SIGUSR2, CRASH_WITH: crashWith });
    await server.port();
    server.child.kill('SIGUSR2');
    expect(await server.exited()).toBe(1);

    const lines = server.stdout().trimEnd().split('\n').map((line) => JSON.parse(line) as LogLine);
    const fatal = lines.filter((line) => line.level === 60);
    expect(fatal).toHaveLength(1);
    expect(fatal[0]).toMatchObject({ origin, err: { message: `test crash: an ${crashWith === 'exception' ? 'uncaught exception' : 'unhandled rejection'}` } });
    expect(fatal[0]?.err?.stack).toContain('crash_on_signal.mjs');
    // The stop ran (the store closed) and said so last.
    expect(lines.at(-1)).toMatchObject({ msg: 'fitgate stopped', exitCode: 1 });
    expect(server.stderr()).toBe('');
  }, SERVER_TEST_TIMEOUT_MS);
});
