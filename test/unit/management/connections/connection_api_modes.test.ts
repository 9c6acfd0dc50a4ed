import { randomBytes } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { fitbitPlugin } from '../../../../src/connections/fitbit/index.js';
import type { ConnectionPlugin } from '../../../../src/connections/plugin.js';
import type { Connection } from '../../../../src/domain/types.js';
import { createSealer } from '../../../../src/store/sealing.js';
import { fakePlugin } from '../../../support/fake_plugin.js';
import { patchedOptions } from './patched_options.js';

const sealer = createSealer([randomBytes(32)]);

function connectionOf(plugin: ConnectionPlugin): Connection {
  return {
    tenant: 't',
    id: 'con_1',
    name: plugin.strategy,
    strategy: plugin.strategy,
    options: { api: plugin.apis[0].id, scope: [...plugin.defaultPermissions], profileSync: 'on_each_login' },
    enabledClients: [],
    createdAt: '2026-01-01T00:00:00Z',
    updatedAt: '2026-01-01T00:00:00Z',
  };
}

/** PATCH /connections/{id} takes exactly the APIs the connection's plugin declares. */
describe('the API (mode) of a connection through the Management API', () => {
  it('accepts every API the Fitbit plugin declares', async () => {
    for (const { id } of fitbitPlugin.apis) {
      expect((await patchedOptions(connectionOf(fitbitPlugin), { api: id, scope: ['profile'] }, fitbitPlugin, sealer)).api).toBe(id);
    }
  });

  it('refuses any other with the same message as ever', async () => {
    const attempt = () => patchedOptions(connectionOf(fitbitPlugin), { api: 'fitbit-v3' }, fitbitPlugin, sealer);
    await expect(attempt()).rejects.toThrow(`Payload validation error: 'must be "google-health" or "fitbit-legacy"' on property options.api.`);
  });

  it('stores another plugin’s APIs as they are, and refuses the Fitbit ones there', async () => {
    const plugin = fakePlugin();
    expect(await patchedOptions(connectionOf(plugin), { api: 'acme-v1' }, plugin, sealer)).toEqual({ api: 'acme-v1', scope: ['steps'], profileSync: 'on_each_login' });
    await expect(patchedOptions(connectionOf(plugin), { api: 'google-health' }, plugin, sealer)).rejects.toThrow(/on property options\.api\.$/);
  });
});
