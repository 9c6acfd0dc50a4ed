import { describe, expect, it } from '@jest/globals';
import { SERVER_TEST_TIMEOUT_MS, useServerOnTempData } from './spawn_server.js';

describe('a FITGATE_ variable fitgate does not read', () => {
  const servers = useServerOnTempData();

  it('is named in a warning at start, with the setting it was likely meant to be, and the start goes on', async () => {
    const server = servers.start({ FITGATE_SANBOX: 'off' });
    const line = await server.waitForLine(/FITGATE_SANBOX/);
    expect(JSON.parse(line)).toMatchObject({ level: 40, variable: 'FITGATE_SANBOX', msg: 'FITGATE_SANBOX is not a fitgate setting and is ignored: did you mean FITGATE_SANDBOX?' });
    expect(await server.port()).toBeGreaterThan(0);
    expect(await server.stop()).toBe(0);
  }, SERVER_TEST_TIMEOUT_MS);

  it('is warned about for a REDIS_ name too: a misspelt REDIS_URL leaves the store embedded, which the start-up line says', async () => {
    const server = servers.start({ REDIS_URI: 'redis://127.0.0.1:6379/9' });
    const line = await server.waitForLine(/REDIS_URI/);
    expect(JSON.parse(line)).toMatchObject({ level: 40, variable: 'REDIS_URI', msg: 'REDIS_URI is not a fitgate setting and is ignored: did you mean REDIS_URL?' });
    expect(JSON.parse(await server.waitForLine(/listening on port/))).toMatchObject({ store: 'embedded', dataDir: servers.dataDir });
  }, SERVER_TEST_TIMEOUT_MS);
});
