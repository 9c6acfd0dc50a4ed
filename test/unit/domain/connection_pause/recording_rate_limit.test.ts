import { describe, expect, it } from '@jest/globals';
import { connectionPause, recordConnectionPause } from '../../../../src/domain/connection_pause.js';
import { CONNECTION, NOW, pauseDeps, REF } from './pause_fixtures.js';

// Recording the pause after the upstream rate-limited the connection's client: stored for every
// instance, counted and logged where it began, and best effort when the store fails.

const CONTEXT = { user_id: REF.userId, connection: REF.connection, served_stored_token: false };
const cause = (retryAfterSeconds: number | undefined) => ({ reason: 'rate_limited', retryAfterSeconds }) as const;

describe("recording a rate limit of the connection's client", () => {
  it('pauses the connection until the reset, counts it and says so once', async () => {
    const { deps, ephemeral, logged, paused } = pauseDeps();

    expect(await recordConnectionPause(deps, REF, cause(600), CONTEXT)).toEqual({ reason: 'rate_limited', seconds: 600 });

    expect(await connectionPause(ephemeral, REF, CONNECTION, NOW)).toEqual({ reason: 'rate_limited', seconds: 600 });
    expect(paused).toEqual(['rate_limited']);
    expect(logged).toEqual([
      {
        level: 'warn',
        details: { ...CONTEXT, tenant: 'acme', rate_limit_scope: 'client', retry_after_s: 600 },
        message: "upstream rate-limited the connection's client; no identity of the connection is refreshed until the window resets",
      },
    ]);
  });

  it('keeps a longer pause already recorded, and neither counts nor announces it again', async () => {
    const { deps, logged, paused } = pauseDeps();
    await recordConnectionPause(deps, REF, cause(600), CONTEXT);

    expect(await recordConnectionPause(deps, REF, cause(30), CONTEXT)).toEqual({ reason: 'rate_limited', seconds: 600 });

    expect(paused).toEqual(['rate_limited']);
    expect(logged[1]).toMatchObject({ level: 'warn', message: 'upstream rate-limited a token refresh', details: { retry_after_s: 600 } });
  });

  it('still answers the upstream’s window when the store cannot keep the pause, and counts none', async () => {
    const { deps, logged, paused } = pauseDeps({ failingWrites: true });

    expect(await recordConnectionPause(deps, REF, cause(undefined), CONTEXT)).toEqual({ reason: 'rate_limited', seconds: 60 });

    expect(paused).toEqual([]);
    expect(logged).toEqual([
      expect.objectContaining({ level: 'warn', message: "upstream rate-limited the connection's client; could not pause its refreshes", details: expect.objectContaining({ retry_after_s: 60 }) }),
    ]);
  });
});
