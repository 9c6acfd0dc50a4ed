import { expect, it } from '@jest/globals';
import { AlreadyExistsError, NotFoundInStoreError, StaleRecordError } from '../../../src/domain/ports.js';
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

  it('moves the revision on with each update, a tenant stored before revisions counting as revision 0', async () => {
    const tenant = tenantRecord();
    await h.store().tenants.create(tenant);
    const first = await h.store().tenants.update({ ...tenant, sessionLifetimeHours: 24 });
    expect(first.revision).toBe(1);
    const second = await h.store().tenants.update({ ...first, idleSessionLifetimeHours: 2 });
    expect(second.revision).toBe(2);
    expect(await h.store().tenants.getStored(tenant.name)).toEqual(second);
    expect(await h.store().tenants.get(tenant.name)).toEqual(second);
  });

  it('refuses an update from a stale cached read of another process, and reads the stored record past its cache', async () => {
    const tenant = tenantRecord();
    await h.store().tenants.create(tenant);
    const other = await h.testStore().reopen();
    // Cached here before the other process changes the tenant.
    const cached = await h.store().tenants.get(tenant.name);
    const stored = await other.tenants.getStored(tenant.name);
    await other.tenants.update({ ...stored!, sessionLifetimeHours: 1 });

    expect((await h.store().tenants.getStored(tenant.name))?.sessionLifetimeHours).toBe(1);
    await expect(h.store().tenants.update({ ...cached!, domains: ['stale.acme.test'] })).rejects.toBeInstanceOf(StaleRecordError);
    expect(await other.tenants.getStored(tenant.name)).toMatchObject({ sessionLifetimeHours: 1, domains: [] });
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
