import { describe, expect, it } from '@jest/globals';
import { abandonTry, beginTry, takeTry, tryCallbackHandoff, type PendingTry } from '../../../../src/dashboard/try/try_transaction.js';
import { memoryEphemeral } from '../../../support/authn/memory_repositories.js';

const pending: PendingTry = {
  tenant: 'acme',
  connectionId: 'con_1',
  strategy: 'fitbit',
  api: 'google-health',
  adminEmail: 'admin@acme.example',
  dashboardUrl: 'https://acme.fitgate.example',
  requestedScopes: ['activity'],
  sandbox: false,
  settings: 'fingerprint',
};

describe('a TRY abandoned before the browser leaves', () => {
  it('leaves no state for /login/callback to hand to TRY, nor one remembered as used', async () => {
    const ephemeral = memoryEphemeral();
    const transaction = await beginTry(ephemeral, pending, 'verifier');
    const handoff = tryCallbackHandoff(ephemeral);
    expect(await handoff.claims(transaction.upstreamState)).toBe(true);

    await abandonTry(ephemeral, transaction);

    expect(await handoff.claims(transaction.upstreamState)).toBe(false);
    expect(await takeTry(ephemeral, transaction.upstreamState, `state=${transaction.upstreamState}`)).toBeUndefined();
    expect(ephemeral.size()).toBe(0);
  });
});
