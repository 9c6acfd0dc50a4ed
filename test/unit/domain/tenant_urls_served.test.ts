import { describe, expect, it } from '@jest/globals';
import { tenantUrlsServed } from '../../../src/domain/tenants.js';

const config = { publicUrl: 'https://fitgate.example', baseHost: 'fitgate.example' };
const acme = { name: 'acme', domains: ['login.acme.com'] };

/**
 * The tenant URLs a token presented on a request may name: a user's tokens are issued under the host
 * of its sign-in, which need not be the host the application calls, so each of the tenant's is taken.
 */
describe('tenantUrlsServed', () => {
  it('lists the host asked first, then the tenant’s other URLs, each once', () => {
    expect(tenantUrlsServed(config, { tenant: acme, tenantUrl: 'https://login.acme.com' })).toEqual([
      'https://login.acme.com',
      'https://acme.fitgate.example',
    ]);
  });
});
