import { describe, expect, it } from '@jest/globals';
import { clientRateLimitRemainingSeconds, rememberClientRateLimit } from '../../../src/domain/client_rate_limit_pause.js';
import { memoryEphemeral } from '../../support/authn/memory_repositories.js';

const NOW = Date.parse('2026-11-20T10:00:00.000Z');

describe("the pause after the upstream rate-limited a connection's client", () => {
  it('holds for that tenant’s connection until the upstream’s reset, and for no other', async () => {
    const ephemeral = memoryEphemeral();
    expect(await clientRateLimitRemainingSeconds(ephemeral, 'acme', 'fitbit', NOW)).toBe(0);

    expect(await rememberClientRateLimit(ephemeral, 'acme', 'fitbit', 900, NOW)).toEqual({ seconds: 900, started: true });

    expect(await clientRateLimitRemainingSeconds(ephemeral, 'acme', 'fitbit', NOW + 100_000)).toBe(800);
    expect(await clientRateLimitRemainingSeconds(ephemeral, 'acme', 'fitbit', NOW + 900_000)).toBe(0);
    expect(await clientRateLimitRemainingSeconds(ephemeral, 'acme', 'fitbit-2', NOW)).toBe(0);
    expect(await clientRateLimitRemainingSeconds(ephemeral, 'globex', 'fitbit', NOW)).toBe(0);
  });

  it('lasts a minute when the upstream named no reset', async () => {
    const ephemeral = memoryEphemeral();
    expect(await rememberClientRateLimit(ephemeral, 'acme', 'fitbit', undefined, NOW)).toEqual({ seconds: 60, started: true });
    expect(await clientRateLimitRemainingSeconds(ephemeral, 'acme', 'fitbit', NOW)).toBe(60);
  });

  it('is not shortened by a later answer naming a nearer reset, and is lengthened by a farther one', async () => {
    const ephemeral = memoryEphemeral();
    await rememberClientRateLimit(ephemeral, 'acme', 'fitbit', 900, NOW);

    expect(await rememberClientRateLimit(ephemeral, 'acme', 'fitbit', 30, NOW + 10_000)).toEqual({ seconds: 890, started: false });
    expect(await clientRateLimitRemainingSeconds(ephemeral, 'acme', 'fitbit', NOW + 10_000)).toBe(890);
    expect(await rememberClientRateLimit(ephemeral, 'acme', 'fitbit', 1800, NOW + 10_000)).toEqual({ seconds: 1800, started: true });
    expect(await clientRateLimitRemainingSeconds(ephemeral, 'acme', 'fitbit', NOW + 10_000)).toBe(1800);
  });
});
