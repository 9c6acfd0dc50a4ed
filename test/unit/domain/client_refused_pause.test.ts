import { describe, expect, it } from '@jest/globals';
import { clientRefusedRecently, rememberRefusedClient } from '../../../src/domain/client_refused_pause.js';
import { memoryEphemeral } from '../../support/authn/memory_repositories.js';
import { CONNECTION as connection } from './connection_pause/pause_fixtures.js';

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
