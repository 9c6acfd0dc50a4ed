import { describe, expect, it } from '@jest/globals';
import { UNREACHABLE_LOG_PERIOD_MS } from '../../../../src/domain/unreachable_connection_report.js';
import type { TokenClientFor } from '../../../../src/domain/upstream_token_client.js';
import { TokenUnavailableError } from '../../../../src/domain/vault_errors.js';
import { aUser, NOW, REF, vaultWith, type LoggedLine } from './vault_fixtures.js';

// A connection that cannot reach its upstream fails every due token read of every identity until an
// administrator fixes it; an API client polling tokens must not turn that into one error line per
// read. The log says it once per tenant, connection and reason per 10 minutes, carrying the count of
// reads it left out; the metric counts every read; the reader's answer is the same each time.

const NOT_CONFIGURED = 'The connection "fitbit" has no upstream client id yet; an administrator must configure it. Until then the fitbit tokens cannot be refreshed.';

/** A token client binding that refuses as the resolver does, for `reason()` at the time of the read. */
function unreachable(reason: () => 'connection_not_configured' | 'client_secret_unreadable'): TokenClientFor {
  return async () => {
    throw new TokenUnavailableError(reason(), NOT_CONFIGURED);
  };
}

function unreachableVault(reason: () => 'connection_not_configured' | 'client_secret_unreadable' = () => 'connection_not_configured') {
  let clock = NOW;
  const counted: string[] = [];
  const fixture = vaultWith(aUser(200), [], {
    now: () => clock,
    tokenClientFor: unreachable(reason),
    metrics: { connectionUnreachable: (tenant, connection, why) => void counted.push(`${tenant}/${connection}/${why}`) },
  });
  return { ...fixture, counted, advance: (ms: number) => (clock += ms) };
}

async function readTimes(vault: { accessToken: (ref: typeof REF) => Promise<unknown> }, times: number): Promise<void> {
  for (let read = 0; read < times; read += 1) {
    await expect(vault.accessToken(REF)).rejects.toMatchObject({ kind: 'unavailable', reason: 'connection_not_configured', message: NOT_CONFIGURED });
  }
}

const errors = (logged: LoggedLine[]): LoggedLine[] => logged.filter((line) => line.level === 'error');

describe('token reads through a connection that cannot reach its upstream', () => {
  it('log one error line for many reads, each read still answered unavailable', async () => {
    const { vault, logged, refreshCalls } = unreachableVault();

    await readTimes(vault, 50);

    expect(errors(logged)).toEqual([
      {
        level: 'error',
        message: 'the connection cannot reach its upstream; an administrator must fix the connection',
        details: expect.objectContaining({ tenant: 'acme', connection: 'fitbit', reason: 'connection_not_configured', suppressed: 0 }),
      },
    ]);
    expect(refreshCalls()).toBe(0);
  });

  it('are each counted by the metric, logged or not', async () => {
    const { vault, counted } = unreachableVault();

    await readTimes(vault, 7);

    expect(counted).toEqual(Array(7).fill('acme/fitbit/connection_not_configured'));
  });

  it('log again once the period is over, with the count of lines left out', async () => {
    const { vault, logged, advance } = unreachableVault();
    await readTimes(vault, 12);

    advance(UNREACHABLE_LOG_PERIOD_MS - 1);
    await readTimes(vault, 1);
    expect(errors(logged)).toHaveLength(1);

    advance(1);
    await readTimes(vault, 1);
    expect(errors(logged).map((line) => line.details['suppressed'])).toEqual([0, 12]);
  });

  it('log each reason of the same connection on its own line', async () => {
    let reason: 'connection_not_configured' | 'client_secret_unreadable' = 'connection_not_configured';
    const { vault, logged } = unreachableVault(() => reason);
    await expect(vault.accessToken(REF)).rejects.toMatchObject({ reason: 'connection_not_configured' });
    await expect(vault.accessToken(REF)).rejects.toMatchObject({ reason: 'connection_not_configured' });

    reason = 'client_secret_unreadable';
    await expect(vault.accessToken(REF)).rejects.toMatchObject({ reason: 'client_secret_unreadable' });
    await expect(vault.accessToken(REF)).rejects.toMatchObject({ reason: 'client_secret_unreadable' });

    expect(errors(logged).map((line) => line.details['reason'])).toEqual(['connection_not_configured', 'client_secret_unreadable']);
  });
});
