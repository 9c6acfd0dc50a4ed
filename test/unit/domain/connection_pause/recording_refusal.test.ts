import { describe, expect, it } from '@jest/globals';
import { connectionPause, recordConnectionPause } from '../../../../src/domain/connection_pause.js';
import { CONNECTION, NOW, pauseDeps, REF } from './pause_fixtures.js';

// Recording the pause after the upstream refused the connection's client credentials: the
// administrator's log line always, the stored pause and its count when the store keeps it.

const CONTEXT = { connection: REF.connection, user_id: REF.userId };
const CAUSE = { reason: 'client_refused', connection: CONNECTION, upstreamMessage: 'upstream said invalid_client' } as const;

describe("recording a refusal of the connection's client credentials", () => {
  it('pauses that version of the connection, counts it and tells the administrator', async () => {
    const { deps, ephemeral, logged, paused } = pauseDeps();

    expect(await recordConnectionPause(deps, REF, CAUSE, CONTEXT)).toEqual({ reason: 'client_refused' });

    expect(await connectionPause(ephemeral, REF, CONNECTION, NOW)).toEqual({ reason: 'client_refused' });
    expect(paused).toEqual(['client_refused']);
    expect(logged).toEqual([
      {
        level: 'error',
        // The identity's tenant besides what the refresh passed: a connection name is the tenant's own.
        details: { tenant: REF.tenant, ...CONTEXT, upstream: 'upstream said invalid_client' },
        message: "the upstream refused the connection's client credentials; an administrator must update the connection",
      },
    ]);
  });

  it('still tells the administrator and answers the refusal when the store cannot keep the pause, and counts none', async () => {
    const { deps, logged, paused } = pauseDeps({ failingWrites: true });

    expect(await recordConnectionPause(deps, REF, CAUSE, CONTEXT)).toEqual({ reason: 'client_refused' });

    expect(paused).toEqual([]);
    expect(logged.map((line) => [line.level, line.message])).toEqual([
      ['error', "the upstream refused the connection's client credentials; an administrator must update the connection"],
      ['warn', 'could not remember the refused client credentials'],
    ]);
  });
});
