import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { SERVER_TEST_TIMEOUT_MS, startServer, tempDataDir } from './spawn_server.js';

describe('starting with a bad configuration', () => {
  it('exits with code 1 and one line on stderr naming the variable and the problem', async () => {
    const server = startServer({ FITGATE_DATA_DIR: tempDataDir(), FITGATE_PUBLIC_URL: 'not a url' });
    expect(await server.exited()).toBe(1);
    expect(server.stderr()).toBe('fitgate: configuration error: FITGATE_PUBLIC_URL: must be an absolute http(s) URL\n');
    expect(server.stdout()).toBe('');
  }, SERVER_TEST_TIMEOUT_MS);

  it('refuses production without a master key the same way', async () => {
    const server = startServer({ NODE_ENV: 'production', FITGATE_DATA_DIR: tempDataDir(), FITGATE_SESSION_SECRETS: 'x'.repeat(40) });
    expect(await server.exited()).toBe(1);
    expect(server.stderr()).toBe(
      'fitgate: configuration error: FITGATE_MASTER_KEY: is required when NODE_ENV=production: base64 of 32 random bytes, such as `openssl rand -base64 32` prints\n',
    );
  }, SERVER_TEST_TIMEOUT_MS);

  it.each([
    [{}, 'FITGATE_PUBLIC_URL: is required when NODE_ENV=production: the https address users reach fitgate at, e.g. https://id.example.com'],
    [{ FITGATE_PUBLIC_URL: 'https://id.example.com' }, 'FITGATE_TRUST_PROXY: is required when NODE_ENV=production and FITGATE_PUBLIC_URL is https: '],
  ])('refuses production with %j the same way, writing nothing', async (settings, problem) => {
    const dataDir = tempDataDir();
    const server = startServer({
      NODE_ENV: 'production',
      FITGATE_DATA_DIR: dataDir,
      FITGATE_MASTER_KEY: Buffer.alloc(32, 1).toString('base64'),
      FITGATE_SESSION_SECRETS: 'x'.repeat(40),
      ...settings,
    });
    expect(await server.exited()).toBe(1);
    expect(server.stderr()).toMatch(new RegExp(`^fitgate: configuration error: ${problem.replace(/[.?*+()[\]]/g, '\\$&')}.*\n$`));
    expect(server.stdout()).toBe('');
    expect(readdirSync(dataDir)).toEqual([]);
  }, SERVER_TEST_TIMEOUT_MS);

  it('reports a data directory it cannot use in one line too', async () => {
    const notADirectory = join(tempDataDir(), 'a-file');
    writeFileSync(notADirectory, '');
    const server = startServer({ FITGATE_DATA_DIR: notADirectory });
    expect(await server.exited()).toBe(1);
    expect(server.stderr()).toBe(`fitgate: configuration error: FITGATE_DATA_DIR: cannot keep the generated master.key in ${notADirectory}: it is not a directory; set FITGATE_DATA_DIR to a directory\n`);
  }, SERVER_TEST_TIMEOUT_MS);
});
