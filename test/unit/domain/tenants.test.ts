import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { callbackUrl, createTenant, tenantNameProblem, tenantUrl } from '../../../src/domain/tenants.js';
import { AlreadyExistsError } from '../../../src/domain/ports.js';
import { createSealer } from '../../../src/store/sealing.js';
import { openSqliteTestStore, type TestStore } from '../../support/stores.js';

describe('tenant names', () => {
  it('accepts lower case DNS labels of 3 to 63 characters', () => {
    for (const name of ['acme', 'a1b', 'my-gym', 'x'.repeat(63)]) expect(tenantNameProblem(name)).toBeUndefined();
  });

  it('refuses anything that is not a DNS label one could put before the base host', () => {
    for (const name of ['', 'ab', 'Acme', '1acme', '-acme', 'acme-', 'ac--me', 'ac.me', 'acme_inc', 'x'.repeat(64), 'caf\u00e9']) {
      expect(tenantNameProblem(name)).toMatch(/^must be/);
    }
  });

  it('refuses reserved names, default first among them', () => {
    for (const name of ['default', 'www', 'api', 'manage', 'static']) expect(tenantNameProblem(name)).toBe(`"${name}" is reserved`);
  });
});

describe('tenant URLs', () => {
  const config = { publicUrl: 'https://id.example.com', baseHost: 'id.example.com' };

  it('gives default the public URL and every other tenant NAME.<base host> with the same scheme and port', () => {
    expect(tenantUrl(config, 'default')).toBe('https://id.example.com');
    expect(tenantUrl(config, 'acme')).toBe('https://acme.id.example.com');
    expect(tenantUrl({ publicUrl: 'http://localhost:3000', baseHost: 'localhost:3000' }, 'acme')).toBe('http://acme.localhost:3000');
  });

  it('puts the upstream callback at <tenant URL>/login/callback', () => {
    expect(callbackUrl(config, 'acme')).toBe('https://acme.id.example.com/login/callback');
  });
});

describe('creating a tenant', () => {
  let testStore: TestStore;
  const sealer = createSealer([randomBytes(32)]);
  beforeAll(async () => {
    testStore = await openSqliteTestStore();
  });
  afterAll(() => testStore.cleanup());
  const deps = () => ({ tenants: testStore.store.tenants, sealer });

  it('stores the tenant with a current signing key, the next one already published, and no extra domains', async () => {
    const created = await createTenant(deps(), 'acme');
    if (!created.ok) throw new Error(created.problem);
    const { tenant } = created;
    expect(await testStore.store.tenants.get('acme')).toEqual(tenant);
    expect(tenant.signingKeys.map((key) => key.status)).toEqual(['current', 'next']);
    expect(tenant.domains).toEqual([]);
  });

  it('refuses an invalid name by the rule it breaks, storing nothing, and leaves its wording to the caller', async () => {
    expect(await createTenant(deps(), 'Not A Label')).toEqual({ ok: false, problem: expect.stringContaining('must be 3-63 lower case letters') });
    expect(await createTenant(deps(), 'default')).toEqual({ ok: false, problem: '"default" is reserved' });
    expect(await testStore.store.tenants.get('Not A Label')).toBeUndefined();
  });

  it('throws the store’s AlreadyExistsError for a taken name, no surface’s error', async () => {
    await expect(createTenant(deps(), 'acme')).rejects.toBeInstanceOf(AlreadyExistsError);
  });
});
