import { describe, expect, it } from '@jest/globals';
import type { Config } from '../../../src/config/index.js';
import type { Connection, Sealed } from '../../../src/domain/types.js';
import { TemporarilyUnavailableError } from '../../../src/errors/index.js';
import { createUpstreamResolver } from '../../../src/upstream/resolve_upstream.js';
import { fakePlugin } from '../../support/fake_plugin.js';

const TENANT_URL = 'https://acme.fitgate.example';

const connection: Connection = {
  tenant: 'acme',
  id: 'con_acme',
  name: 'acme',
  strategy: 'acme',
  options: { api: 'acme-v2', scope: ['steps'], profileSync: 'on_each_login' },
  enabledClients: [],
  createdAt: '2026-12-01T00:00:00.000Z',
  updatedAt: '2026-12-01T00:00:00.000Z',
};

/** A connection without credentials logs in through the sandbox only when it plays that upstream. */
describe('a sandbox that does not play the connection’s upstream', () => {
  it('leaves the connection unavailable, saying an administrator must configure it', () => {
    const config = { upstreamBaseUrl: undefined, sandbox: true, publicUrl: TENANT_URL, baseHost: undefined } as unknown as Pick<Config, 'upstreamBaseUrl' | 'sandbox' | 'publicUrl' | 'baseHost'>;
    const resolver = createUpstreamResolver({
      config,
      plugins: new Map([['acme', fakePlugin()]]),
      sealer: { open: (sealed: Sealed) => String(sealed) },
      sandbox: { credentialsFor: () => undefined, backChannelUrl: () => 'http://127.0.0.1:1/_sandbox' },
    });
    const attempt = () => resolver.resolve(connection, TENANT_URL);
    expect(attempt).toThrow(TemporarilyUnavailableError);
    expect(attempt).toThrow(/cannot stand in for the acme-v2 API of the connection "acme"/);
  });
});
