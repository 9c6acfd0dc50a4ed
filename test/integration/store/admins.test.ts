import { expect, it } from '@jest/globals';
import { AlreadyExistsError, LastAdminError, NotFoundInStoreError, StaleRecordError } from '../../../src/domain/ports.js';
import { describeEachStore } from '../../support/stores.js';
import { adminRecord, uniqueId } from './records.js';

describeEachStore('admin repository', (h) => {
  const admins = () => h.store().admins;

  it('finds an admin by email whatever its case, and stores the email lowercased', async () => {
    const admin = adminRecord({ email: `${uniqueId('Ada')}@Example.COM` });
    await admins().create(admin);
    const found = await admins().get(admin.email.toUpperCase());
    expect(found?.email).toBe(admin.email.toLowerCase());
    expect(await admins().get('nobody@example.com')).toBeUndefined();
  });

  it('refuses a second admin with the same email in another case', async () => {
    const admin = adminRecord();
    await admins().create(admin);
    await expect(admins().create({ ...admin, email: admin.email.toUpperCase() })).rejects.toBeInstanceOf(AlreadyExistsError);
  });

  it('lists the admins of a tenant, following tenant changes on update', async () => {
    const acme = uniqueId('acme');
    const globex = uniqueId('globex');
    const admin = adminRecord({ tenants: [acme] });
    await admins().create(admin);
    expect((await admins().listByTenant(acme)).map((a) => a.email)).toEqual([admin.email]);
    await admins().update({ ...admin, tenants: [globex], passwordHash: 'scrypt$16384$8$1$salt$hash' });
    expect(await admins().listByTenant(acme)).toEqual([]);
    const [moved] = await admins().listByTenant(globex);
    expect(moved?.passwordHash).toBe('scrypt$16384$8$1$salt$hash');
  });

  it('keeps the credential version through updates, and reads a record without one as written', async () => {
    const admin = adminRecord();
    await admins().create(admin);
    expect(await admins().get(admin.email)).toEqual(admin);
    await admins().update({ ...admin, credentialVersion: 3 });
    expect((await admins().get(admin.email))?.credentialVersion).toBe(3);
    expect((await admins().listByTenant('default')).find((a) => a.email === admin.email)?.credentialVersion).toBe(3);
  });

  it('returns the admin as stored by an update, its revision moved on from the one it was read at', async () => {
    const admin = adminRecord();
    await admins().create(admin);
    const first = await admins().update({ ...admin, credentialVersion: 1 });
    expect(first).toEqual({ ...admin, credentialVersion: 1, revision: 1 });
    const second = await admins().update({ ...first, tenants: [...first.tenants, uniqueId('t')] });
    expect(second.revision).toBe(2);
    expect(await admins().get(admin.email)).toEqual(second);
  });

  it('refuses an update made from a read another update has overtaken, and keeps what that one wrote', async () => {
    const admin = adminRecord();
    await admins().create(admin);
    const read = (await admins().get(admin.email))!;
    const other = uniqueId('t');
    await admins().update({ ...read, passwordHash: 'scrypt$16384$8$1$salt$new', credentialVersion: 1 });

    await expect(admins().update({ ...read, tenants: [...read.tenants, other] })).rejects.toBeInstanceOf(StaleRecordError);
    expect(await admins().get(admin.email)).toMatchObject({ passwordHash: 'scrypt$16384$8$1$salt$new', credentialVersion: 1, tenants: admin.tenants, revision: 1 });
    expect(await admins().listByTenant(other)).toEqual([]);
  });

  it('lets exactly one of several updates made from the same read through', async () => {
    const admin = adminRecord();
    await admins().create(admin);
    const tenants = [uniqueId('a'), uniqueId('b'), uniqueId('c'), uniqueId('d')];
    const results = await Promise.allSettled(tenants.map((tenant) => admins().update({ ...admin, tenants: [...admin.tenants, tenant] })));

    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    for (const refused of results.filter((result) => result.status === 'rejected')) expect(refused.reason).toBeInstanceOf(StaleRecordError);
    const stored = (await admins().get(admin.email))!;
    expect(stored.revision).toBe(1);
    const listed = await Promise.all(tenants.map(async (tenant) => (await admins().listByTenant(tenant)).length));
    expect(listed.sort()).toEqual([0, 0, 0, 1]);
  });

  it('refuses to update an admin that does not exist', async () => {
    await expect(admins().update(adminRecord())).rejects.toBeInstanceOf(NotFoundInStoreError);
  });

  it('deletes an admin from its tenants and the count, and refuses a delete made from an overtaken read', async () => {
    const acme = uniqueId('acme');
    const admin = adminRecord({ tenants: [acme] });
    await admins().create(admin);
    const before = await admins().count();
    await admins().update({ ...admin, credentialVersion: 1 });
    await expect(admins().delete(admin)).rejects.toBeInstanceOf(StaleRecordError);

    await admins().delete((await admins().get(admin.email))!);
    expect(await admins().get(admin.email)).toBeUndefined();
    expect(await admins().listByTenant(acme)).toEqual([]);
    expect(await admins().count()).toBe(before - 1);
    await expect(admins().delete(admin)).rejects.toBeInstanceOf(NotFoundInStoreError);
  });

  it('keeps the last admin of a tenant when asked, in an update and in a delete, and writes nothing then', async () => {
    const [acme, globex] = [uniqueId('acme'), uniqueId('globex')];
    const admin = adminRecord({ tenants: [acme, globex] });
    await admins().create(admin);
    const other = adminRecord({ tenants: [globex] });
    await admins().create(other);

    const refused = await admins().update({ ...admin, tenants: [] }, { keepLastAdmin: true }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(LastAdminError);
    expect((refused as LastAdminError).tenants).toEqual([acme]);
    await expect(admins().delete(admin, { keepLastAdmin: true })).rejects.toBeInstanceOf(LastAdminError);
    expect(await admins().get(admin.email)).toEqual(admin);

    // globex has another admin: taking it off is fine.
    const stored = await admins().update({ ...admin, tenants: [acme] }, { keepLastAdmin: true });
    expect((await admins().listByTenant(globex)).map((a) => a.email)).toEqual([other.email]);
    await admins().delete(stored);
    expect(await admins().listByTenant(acme)).toEqual([]);
  });

  it('lets only one of the last two admins of a tenant leave it when both go at once', async () => {
    const acme = uniqueId('acme');
    const pair = [adminRecord({ tenants: [acme, uniqueId('own')] }), adminRecord({ tenants: [acme] })] as const;
    for (const admin of pair) await admins().create(admin);
    // Each write is made from a read where the other is still an admin of acme.
    const results = await Promise.allSettled([
      admins().update({ ...pair[0], tenants: pair[0].tenants.filter((t) => t !== acme) }, { keepLastAdmin: true }),
      admins().delete(pair[1], { keepLastAdmin: true }),
    ]);

    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    const [refused] = results.filter((result) => result.status === 'rejected');
    expect(refused?.reason).toBeInstanceOf(LastAdminError);
    expect(await admins().listByTenant(acme)).toHaveLength(1);
  });

  it('counts every admin account', async () => {
    const before = await admins().count();
    await admins().create(adminRecord());
    await admins().create(adminRecord({ tenants: [uniqueId('t')] }));
    expect(await admins().count()).toBe(before + 2);
  });
});
