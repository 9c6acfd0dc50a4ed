import type { TryReport } from '../../src/dashboard/try/try_report.js';
import type { Connection } from '../../src/domain/types.js';

/**
 * What withSuccess() (src/dashboard/try/try_report.ts) finishes a TRY report from, but the login's
 * own answer: the connection tried, the report as the TRY started it, and the strategy's wording.
 * The answer (tokens and profile) is each test's own, as that is what it checks.
 */

/** The strategy's wording of a missing refresh token, as a plugin gives it. */
export const TRY_WORDING = { noRefreshToken: 'Acme sends no refresh token to a returning user.' };

/** An acme connection named `name` that syncs the profile at each login, asking for `scope` when given. */
export function triedConnection(name: string, scope?: string[]): Connection {
  return { tenant: 'default', name, strategy: 'acme', options: { api: 'acme-v2', ...(scope && { scope }), profileSync: 'on_each_login' } } as unknown as Connection;
}

/** A TRY of an acme connection by its tenant's owner that asked for `requestedScopes` and has no step yet. */
export function startedTry(requestedScopes: string[]): TryReport {
  return {
    id: 'try-1',
    tenant: 'default',
    strategy: 'acme',
    api: 'acme-v2',
    adminEmail: 'owner@example.com',
    sandbox: false,
    callbackUrl: 'https://fitgate.example/login/callback',
    requestedScopes,
    steps: {},
  };
}
