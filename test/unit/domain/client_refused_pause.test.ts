import { describe, expect, it } from '@jest/globals';
import { clientRefusedRecently, rememberRefusedClient } from '../../../src/domain/client_refused_pause.js';
import type { Connection } from '../../../src/domain/types.js';
import { memoryEphemeral } from '../../support/authn/memory_repositories.js';

const connection: Connection = {
  tenant: 'acme',
  id: 'con_1',
  name: 'fitbit',
  strategy: 'fitbit',
  options: { api: 'google-health', clientId: 'client', scope: ['profile'], profileSync: 'on_each_login' },
  enabledClients: [],
  createdAt: '2026-11-01T00:00:00.000Z',
  updatedAt: '2026-11-01T00:00:00.000Z',
};

describe("the pause after the upstream refused a connection's client", () => {
  it('holds for that connection as it was when refused', async () => {
    const ephemeral = memoryEphemeral();
    expect(await clientRefusedRecently(ephemeral, connection)).toBe(false);

    await rememberRefusedClient(ephemeral, connection);

    expect(await clientRefusedRecently(ephemeral, connection)).toBe(true);
    expect(await clientRefusedRecently(ephemeral, { ...connection, name: 'fitbit-2' })).toBe(false);
    expect(await clientRefusedRecently(ephemeral, { ...connection, tenant: 'globex' })).toBe(false);
  });

  it('ends as soon as the connection is saved again (new credentials)', async () => {
    const ephemeral = memoryEphemeral();
    await rememberRefusedClient(ephemeral, connection);

    expect(await clientRefusedRecently(ephemeral, { ...connection, updatedAt: '2026-11-01T00:05:00.000Z' })).toBe(false);
  });
});
