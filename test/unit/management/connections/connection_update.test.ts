import { randomBytes } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { fitbitPlugin } from '../../../../src/connections/fitbit/index.js';
import type { Connection } from '../../../../src/domain/types.js';
import { BadRequestError } from '../../../../src/errors/index.js';
import { createSealer } from '../../../../src/store/sealing.js';
import { fakePlugin } from '../../../support/fake_plugin.js';
import { patchedOptions } from './patched_options.js';

const sealer = createSealer([randomBytes(32)]);

const connection: Connection = {
  tenant: 't',
  id: 'con_1',
  name: 'fitbit',
  strategy: 'fitbit',
  options: { api: 'fitbit-legacy', clientId: '23ABCD', clientSecret: sealer.seal('stored-secret'), scope: ['profile'], profileSync: 'on_first_login' },
  enabledClients: [],
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
};

describe('replacing a connection’s options (PATCH with options)', () => {
  it('takes the plugin defaults for every option left out, except the secret, which it keeps while a client_id is sent', async () => {
    const options = await patchedOptions(connection, { api: 'fitbit-legacy', client_id: '23ABCD', scope: ['profile', 'sleep'] }, fitbitPlugin, sealer);
    expect(options).toEqual({ api: 'fitbit-legacy', clientId: '23ABCD', clientSecret: connection.options.clientSecret, scope: ['profile', 'sleep'], profileSync: 'on_each_login' });
  });

  it('without a client_id puts the connection back into sandbox mode and drops the secret', async () => {
    const options = await patchedOptions(connection, { api: 'fitbit-legacy', scope: ['profile'] }, fitbitPlugin, sealer);
    expect(options.clientId).toBeUndefined();
    expect(options.clientSecret).toBeUndefined();
  });

  it('seals a new client_secret', async () => {
    const options = await patchedOptions(connection, { client_id: '23ABCD', client_secret: 'new-secret' }, fitbitPlugin, sealer);
    expect(options.clientSecret).not.toContain('new-secret');
    expect(sealer.open(options.clientSecret!)).toBe('new-secret');
  });

  it('maps Auth0’s set_user_root_attributes to the profile sync mode', async () => {
    expect((await patchedOptions(connection, { set_user_root_attributes: 'on_first_login' }, fitbitPlugin, sealer)).profileSync).toBe('on_first_login');
  });

  it('names the bad option by its API name when the plugin refuses the result', async () => {
    const attempt = () => patchedOptions(connection, { client_secret: 'a-secret' }, fitbitPlugin, sealer);
    await expect(attempt()).rejects.toThrow(BadRequestError);
    await expect(attempt()).rejects.toThrow(/on property options\.client_id\.$/);
  });

  it('names one property, as Auth0 does, when the plugin finds several problems: the first, in the words the dashboard shows', async () => {
    const attempt = () => patchedOptions(connection, { api: 'google-health', client_id: 'new.apps.googleusercontent.com', scope: [] }, fitbitPlugin, sealer);
    await expect(attempt()).rejects.toThrow(
      "Payload validation error: 'is required with a Client ID for the Google Health API, which authenticates each token request with it; the stored secret belongs to the previous client ID or API and is not kept for another' on property options.client_secret.",
    );
  });
});

describe('the profile sync mode, the host’s own option', () => {
  const acme = fakePlugin();
  const acmeConnection: Connection = { ...connection, name: 'acme', strategy: 'acme', options: { api: 'acme-v2', scope: ['steps'], profileSync: 'on_first_login' } };

  it('is refused in the same words whatever the plugin, which never sees it', async () => {
    const message = `Payload validation error: 'must be "on_each_login" or "on_first_login"' on property options.set_user_root_attributes.`;
    await expect(patchedOptions(connection, { set_user_root_attributes: 'sometimes' }, fitbitPlugin, sealer)).rejects.toThrow(message);
    await expect(patchedOptions(acmeConnection, { set_user_root_attributes: 'never_on_login' }, acme, sealer)).rejects.toThrow(message);
  });

  it('takes its default when left out and is stored as sent, whatever the plugin returned', async () => {
    expect(await patchedOptions(acmeConnection, {}, acme, sealer)).toEqual({ api: 'acme-v2', scope: ['steps'], profileSync: 'on_each_login' });
    expect((await patchedOptions(acmeConnection, { set_user_root_attributes: 'on_first_login' }, acme, sealer)).profileSync).toBe('on_first_login');
  });

  it('is judged after the plugin’s settings, so a request wrong in both is refused for the plugin’s', async () => {
    const attempt = () => patchedOptions(connection, { api: 'fitbit-v3', set_user_root_attributes: 'sometimes' }, fitbitPlugin, sealer);
    await expect(attempt()).rejects.toThrow(/on property options\.api\.$/);
  });
});
