import { describe, expect, it } from '@jest/globals';
import type { Sealed, UpstreamTokens } from '../../../src/domain/types.js';
import { backoffRemainingSeconds, DEFAULT_BACKOFF_SECONDS, recordBackoff } from '../../../src/domain/upstream_backoff.js';
import { memoryEphemeral } from '../../support/authn/memory_repositories.js';

const NOW = 1_000_000;
const tokens = (sealedAccess: string): UpstreamTokens => ({ accessToken: sealedAccess as Sealed, expiresAt: NOW + 60_000 });

describe('the remembered upstream back-off', () => {
  it('holds for the tokens it was recorded for, until the reset', async () => {
    const ephemeral = memoryEphemeral();
    expect(await recordBackoff(ephemeral, 'id', tokens('v1.a'), 90, NOW)).toBe(90);

    expect(await backoffRemainingSeconds(ephemeral, 'id', tokens('v1.a'), NOW + 30_000)).toBe(60);
    expect(await backoffRemainingSeconds(ephemeral, 'id', tokens('v1.a'), NOW + 90_000)).toBe(0);
    expect(await backoffRemainingSeconds(ephemeral, 'other', tokens('v1.a'), NOW)).toBe(0);
  });

  it('does not hold once other tokens are stored (a login, or a refresh elsewhere)', async () => {
    const ephemeral = memoryEphemeral();
    await recordBackoff(ephemeral, 'id', tokens('v1.a'), undefined, NOW);

    expect(await backoffRemainingSeconds(ephemeral, 'id', tokens('v1.b'), NOW)).toBe(0);
    expect(await backoffRemainingSeconds(ephemeral, 'id', tokens('v1.a'), NOW)).toBe(DEFAULT_BACKOFF_SECONDS);
  });

  it('keeps nothing of the tokens but a digest', async () => {
    const ephemeral = memoryEphemeral();
    await recordBackoff(ephemeral, 'id', tokens('v1.key.iv.secret-ciphertext.tag'), 30, NOW);

    expect(JSON.stringify(await ephemeral.get('upstream_backoff', 'id'))).not.toContain('secret-ciphertext');
  });

  it('holds for any tokens when recorded without them (a record of an older fitgate)', async () => {
    const ephemeral = memoryEphemeral();
    await ephemeral.put('upstream_backoff', 'id', { until: NOW + 30_000 }, 30);

    expect(await backoffRemainingSeconds(ephemeral, 'id', tokens('v1.b'), NOW)).toBe(30);
  });
});
