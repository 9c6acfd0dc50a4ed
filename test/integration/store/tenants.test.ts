import { expect, it } from '@jest/globals';
import { AlreadyExistsError, NotFoundInStoreError } from '../../../src/domain/ports.js';
import { describeEachStore } from '../../support/stores.js';
import { tenantRecord } from './records.js';

describeEachStore('tenant repository', (h) => {
  it('returns a created tenant by name, and undefined for an unknown name', async () => {
    const tenant = tenantRecord({ domains: ['login.acme.test'] });
    await h.store().tenants.create(tenant);
    expect(await h.store().tenants.get(tenant.name)).toEqual(tenant);
    expect(await h.store().tenants.get('no-such-tenant')).toBeUndefined();
  });

  it('refuses a second tenant with a taken name', async () => {
    const tenant = tenantRecord();
    await h.store().tenants.create(tenant);
    await expect(h.store().tenants.create({ ...tenant, domains: ['other.test'] })).rejects.toBeInstanceOf(AlreadyExistsError);
  });

  it('finds a tenant by any of its domains, ignoring case', async () => {
    const tenant = tenantRecord({ domains: ['id.acme.test', 'auth.acme.test:8443'] });
    await h.store().tenants.create(tenant);
    expect((await h.store().tenants.findByDomain('ID.acme.test'))?.name).toBe(tenant.name);
    expect((await h.store().tenants.findByDomain('auth.acme.test:8443'))?.name).toBe(tenant.name);
    expect(await h.store().tenants.findByDomain('auth.acme.test')).toBeUndefined();
  });

  it('refuses a domain another tenant already claims, and keeps the first tenant intact', async () => {
    const first = tenantRecord({ domains: ['shared.acme.test'] });
    await h.store().tenants.create(first);
    const second = tenantRecord({ domains: ['shared.acme.test'] });
    await expect(h.store().tenants.create(second)).rejects.toBeInstanceOf(AlreadyExistsError);
    expect(await h.store().tenants.get(second.name)).toBeUndefined();
    expect((await h.store().tenants.findByDomain('shared.acme.test'))?.name).toBe(first.name);
  });

  it('moves the domain index with an update: old domains stop resolving, new ones start', async () => {
    const tenant = tenantRecord({ domains: ['old.acme.test'] });
    await h.store().tenants.create(tenant);
    await h.store().tenants.update({ ...tenant, domains: ['new.acme.test'] });
    expect(await h.store().tenants.findByDomain('old.acme.test')).toBeUndefined();
    expect((await h.store().tenants.findByDomain('new.acme.test'))?.domains).toEqual(['new.acme.test']);
  });

  it('refuses to update a tenant that does not exist', async () => {
    await expect(h.store().tenants.update(tenantRecord())).rejects.toBeInstanceOf(NotFoundInStoreError);
  });

  it('lists every tenant', async () => {
    const tenant = tenantRecord();
    await h.store().tenants.create(tenant);
    expect((await h.store().tenants.list()).map((t) => t.name)).toContain(tenant.name);
  });

  it('returns a frozen tenant: changing it in place throws and changes nothing stored', async () => {
    const tenant = tenantRecord();
    await h.store().tenants.create(tenant);
    const returned = await h.store().tenants.get(tenant.name);
    expect(() => returned?.domains.push('mutated.test')).toThrow(TypeError);
    expect((await h.store().tenants.get(tenant.name))?.domains).toEqual([]);
  });
});
