import { describe, expect, it } from '@jest/globals';
import { rememberClientRateLimit } from '../../../../src/domain/client_rate_limit_pause.js';
import { rememberRefusedClient } from '../../../../src/domain/client_refused_pause.js';
import { connectionPause } from '../../../../src/domain/connection_pause.js';
import { memoryEphemeral } from '../../../support/authn/memory_repositories.js';
import { CONNECTION, NOW, REF } from './pause_fixtures.js';

// The one read of a connection's pause: whether it holds now, why, and for a rate limit how long.

describe("reading a connection's pause", () => {
  it('finds none when nothing paused the connection', async () => {
    expect(await connectionPause(memoryEphemeral(), REF, CONNECTION, NOW)).toBeUndefined();
  });

  it('says rate_limited with the seconds left of the window, and none once it has passed', async () => {
    const ephemeral = memoryEphemeral();
    await rememberClientRateLimit(ephemeral, 'acme', 'fitbit', 600, NOW);

    expect(await connectionPause(ephemeral, REF, CONNECTION, NOW + 100_000)).toEqual({ reason: 'rate_limited', seconds: 500 });
    expect(await connectionPause(ephemeral, REF, CONNECTION, NOW + 600_000)).toBeUndefined();
  });

  it('holds a rate limit by the connection’s name, even once its record is gone', async () => {
    const ephemeral = memoryEphemeral();
    await rememberClientRateLimit(ephemeral, 'acme', 'fitbit', 600, NOW);

    expect(await connectionPause(ephemeral, REF, undefined, NOW)).toEqual({ reason: 'rate_limited', seconds: 600 });
    expect(await connectionPause(ephemeral, { tenant: 'globex', connection: 'fitbit' }, undefined, NOW)).toBeUndefined();
  });

  it('says client_refused for the version of the connection that was refused only', async () => {
    const ephemeral = memoryEphemeral();
    await rememberRefusedClient(ephemeral, CONNECTION);

    expect(await connectionPause(ephemeral, REF, CONNECTION, NOW)).toEqual({ reason: 'client_refused' });
    expect(await connectionPause(ephemeral, REF, { ...CONNECTION, updatedAt: '2026-11-01T00:05:00.000Z' }, NOW)).toBeUndefined();
    expect(await connectionPause(ephemeral, REF, undefined, NOW)).toBeUndefined();
  });

  it('answers the rate limit when both hold: its window says when to come back', async () => {
    const ephemeral = memoryEphemeral();
    await rememberRefusedClient(ephemeral, CONNECTION);
    await rememberClientRateLimit(ephemeral, 'acme', 'fitbit', 600, NOW);

    expect(await connectionPause(ephemeral, REF, CONNECTION, NOW)).toEqual({ reason: 'rate_limited', seconds: 600 });
  });
});
