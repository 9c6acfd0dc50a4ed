import { relative } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { SERVER_TEST_TIMEOUT_MS, startServer, tempDataDir } from './spawn_server.js';

/**
 * What production may run with but likely should not is warned about at start, and the start goes
 * on (src/config/config_warnings.ts): an http public URL other than this machine's, and an embedded
 * store whose directory is relative to the working directory.
 */
describe('a production start with settings that work but are likely wrong', () => {
  it('warns about each, naming the variable and the absolute data directory, and serves', async () => {
    const dataDir = tempDataDir();
    const server = startServer({
      NODE_ENV: 'production',
      FITGATE_WORKERS: '1',
      FITGATE_MASTER_KEY: Buffer.alloc(32, 2).toString('base64'),
      FITGATE_SESSION_SECRETS: 'y'.repeat(40),
      FITGATE_ADMIN_PASSWORD: 'a long enough password',
      FITGATE_PUBLIC_URL: 'http://id.example.com',
      // Relative to the working directory the server inherits (this one): the temporary directory.
      FITGATE_DATA_DIR: relative(process.cwd(), dataDir),
    });
    const port = await server.port();
    expect(port).toBeGreaterThan(0);
    await server.stop();
    const warnings = server
      .stdout()
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as { level: number; variable?: string; msg: string })
      .filter((line) => line.level === 40);
    expect(warnings.map((line) => line.variable)).toEqual(['FITGATE_PUBLIC_URL', 'FITGATE_DATA_DIR']);
    expect(warnings[0]?.msg).toContain('cookies are not marked Secure');
    expect(warnings[1]?.msg).toContain(`NODE_ENV=production without REDIS_URL: the embedded store is in ${dataDir}, relative to the working directory`);
  }, SERVER_TEST_TIMEOUT_MS);
});
