import { describe, expect, it } from '@jest/globals';
import { SERVER_TEST_TIMEOUT_MS, useServerOnTempData } from './spawn_server.js';

describe('a FITGATE_ variable fitgate does not read', () => {
  const servers = useServerOnTempData();

  it('is named in a warning at start, with the setting it was likely meant to be, and the start goes on', async () => {
    const server = servers.start({ FITGATE_SANBOX: 'off' });
    const line = await server.waitForLine(/FITGATE_SANBOX/);
    expect(JSON.parse(line)).toMatchObject({ level: 40, variable: 'FITGATE_SANBOX', msg: 'FITGATE_SANBOX is not a fitgate setting and is ignored: did you mean FITGATE_SANDBOX?' });
    expect(await server.port()).toBeGreaterThan(0);
  }, SERVER_TEST_TIMEOUT_MS);
});
