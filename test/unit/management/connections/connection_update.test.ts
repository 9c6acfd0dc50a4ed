import { randomBytes } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { fitbitPlugin } from '../../../../src/connections/fitbit/index.js';
import type { Connection } from '../../../../src/domain/types.js';
import { BadRequestError } from '../../../../src/errors/index.js';
import { mergeConnectionOptions } from '../../../../src/management/connections/connection_update.js';
import { createSealer } from '../../../../src/store/sealing.js';

const sealer = createSealer([randomBytes(32)]);

const connection: Connection = {
  tenant: 't',
  id: 'con_1',
  name: 'fitbit',
  strategy: 'fitbit',
  options: { api: 'fitbit-legacy', clientId: '23ABCD', clientSecret: sealer.seal('stored-secret'), scope: ['profile'], profileSync: 'on_each_login' },
  enabledClients: [],
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
};

describe('merging a connection options PATCH', () => {
  it('keeps the stored secret (sealed value unchanged) when client_secret is omitted', () => {
    const options = mergeConnectionOptions(connection, { scope: ['profile', 'sleep'] }, fitbitPlugin, sealer);
    expect(options).toEqual({ ...connection.options, scope: ['profile', 'sleep'] });
    expect(options.clientSecret).toBe(connection.options.clientSecret);
  });

  it('seals a new client_secret', () => {
    const options = mergeConnectionOptions(connection, { client_secret: 'new-secret' }, fitbitPlugin, sealer);
    expect(options.clientSecret).not.toContain('new-secret');
    expect(sealer.open(options.clientSecret!)).toBe('new-secret');
  });

  it('maps Auth0’s set_user_root_attributes to the profile sync mode', () => {
    expect(mergeConnectionOptions(connection, { set_user_root_attributes: 'on_first_login' }, fitbitPlugin, sealer).profileSync).toBe('on_first_login');
  });

  it('names the bad option by its API name when the plugin refuses the result', () => {
    const attempt = () => mergeConnectionOptions(connection, { set_user_root_attributes: 'sometimes' }, fitbitPlugin, sealer);
    expect(attempt).toThrow(BadRequestError);
    expect(attempt).toThrow(/on property options\.set_user_root_attributes\.$/);
  });
});
