import { describe, expect, it } from '@jest/globals';
import { readFirstPasswordFile } from '../../../src/dashboard/account/first_password_file.js';
import { SERVER_TEST_TIMEOUT_MS, useServerOnTempData } from './spawn_server.js';

/**
 * LOG_FORMAT chooses instead of the terminal. json: stdout holds JSON lines only, the start lines
 * too, even on a terminal. pretty: short lines even on a pipe, where the start lines are log lines.
 * Either way off the terminal's default, the first admin's password is not printed: only where its
 * file is.
 */
describe('LOG_FORMAT', () => {
  const json = useServerOnTempData();
  const pretty = useServerOnTempData();

  it('json makes every line on a terminal JSON, and prints no password', async () => {
    const server = json.start({ LOG_LEVEL: 'info', LOG_FORMAT: 'json' }, { terminal: true });
    await server.waitForLine(/its generated password is in/);
    const lines = server.stdout().trimEnd().split('\n');
    for (const line of lines) expect(() => JSON.parse(line) as unknown).not.toThrow();
    // Bootstrap's line comes first: the first tenant and admin exist before anything listens.
    expect(lines.map((line) => (JSON.parse(line) as { msg: string }).msg).slice(0, 2)).toEqual([
      'first start: bootstrap records created',
      expect.stringMatching(/^fitgate is listening on port \d+/),
    ]);
    expect(server.stdout()).not.toContain((await readFirstPasswordFile(json.dataDir))!.password);
  }, SERVER_TEST_TIMEOUT_MS);

  it('pretty writes short lines to a pipe, the start as one of them, and prints no password', async () => {
    const server = pretty.start({ LOG_LEVEL: 'info', LOG_FORMAT: 'pretty' });
    await server.waitForLine(/its generated password is in/);
    expect(await server.stop()).toBe(0);
    const lines = server.stdout().trimEnd().split('\n');
    expect(lines[0]).toMatch(/^\d\d:\d\d:\d\d INFO {2}first start: bootstrap records created /);
    expect(lines[1]).toMatch(/^\d\d:\d\d:\d\d INFO {2}fitgate is listening on port \d+ \(embedded store in .*\): dashboard at http:\/\/localhost:3000\/manage port=\d+/);
    expect(lines.at(-1)).toMatch(/^\d\d:\d\d:\d\d INFO {2}fitgate stopped exitCode=0$/);
    expect(server.stdout()).not.toContain('{"level"');
    expect(server.stdout()).not.toContain((await readFirstPasswordFile(pretty.dataDir))!.password);
  }, SERVER_TEST_TIMEOUT_MS);
});
