import { describe, expect, it } from '@jest/globals';
import { useEmulator } from '../../support/use_emulator.js';

const emulator = useEmulator();

/**
 * The emulator plays hosts as path prefixes, not by the Host header, so a request names a host it
 * does not play only by a wrong prefix (a typo in FITGATE_UPSTREAM_BASE_URL or a plugin's URL).
 * Nothing upstream matches that (a real unknown host fails in DNS), so the answer is a plain 404
 * that names the mistake: never a 502 a client would retry as an upstream outage.
 */
describe('a request under a host the emulator does not play', () => {
  it.each([
    ['GET', '/example.com/oauth2/token'],
    ['POST', '/oauth2.example.com/token'],
    ['GET', '/'],
  ])('%s %s is a 404 naming the expected prefix', async (method, path) => {
    const response = await fetch(`${emulator.url}${path}`, { method });

    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ error: 'not_found', message: 'Unknown host prefix. Paths start with a real host, e.g. /api.fitbit.com/.' });
  });
});
