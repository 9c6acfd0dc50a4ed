import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { SERVER_TEST_TIMEOUT_MS, useServerOnTempData } from './spawn_server.js';

/**
 * What the start and the stop say: JSON log lines, like every other line, on a stdout that is no
 * terminal (a supervisor's, a container's), whatever LOG_LEVEL says; plain lines for a person at a
 * terminal, among short log lines. Either way the last line says fitgate stopped.
 */
describe('the start and stop lines', () => {
  const servers = useServerOnTempData();

  it('are JSON log lines on a stdout that is no terminal, even under LOG_LEVEL=warn, the last one "fitgate stopped"', async () => {
    const server = servers.start({ LOG_LEVEL: 'warn' });
    const port = await server.port();
    expect(await server.stop()).toBe(0);
    const lines = server.stdout().trimEnd().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines[0]).toMatchObject({ level: 30, port, store: 'embedded', dataDir: resolve(servers.dataDir) });
    expect(lines.slice(-2)).toEqual([
      expect.objectContaining({ level: 30, signal: 'SIGTERM', msg: 'fitgate received SIGTERM: finishing requests in flight, then stopping' }),
      expect.objectContaining({ level: 30, exitCode: 0, msg: 'fitgate stopped' }),
    ]);
  }, SERVER_TEST_TIMEOUT_MS);

  it('are plain lines for a person at a terminal, and the stop is logged last', async () => {
    const server = servers.start({}, { terminal: true });
    const port = await server.port();
    expect(server.stdout()).toContain(`fitgate is listening on port ${port} (embedded store in ${resolve(servers.dataDir)})\nDashboard: http://localhost:3000/manage\n`);
    // `script` runs fitgate as its child: signal fitgate itself, as Ctrl-C or a kill would.
    const pid = Number(execFileSync('ps', ['-o', 'pid=', '--ppid', String(server.child.pid)], { encoding: 'utf8' }).trim());
    process.kill(pid, 'SIGTERM');
    await server.waitForLine(/^\d\d:\d\d:\d\d INFO {2}fitgate stopped exitCode=0$/);
    expect(server.stdout()).toContain('\nfitgate received SIGTERM: finishing requests in flight, then stopping\n');
    expect(server.stdout()).not.toContain('{"level"');
  }, SERVER_TEST_TIMEOUT_MS);
});
