import { expect, it } from '@jest/globals';
import { setAdminPassword } from '../../../src/dashboard/account/admin_password.js';
import { inviteAdmin } from '../../../src/dashboard/admins/admin_invitations.js';
import { renewSetPasswordLink } from '../../../src/dashboard/admins/set_password_link_renewal.js';
import { updateAdmin, withTenant } from '../../../src/domain/admin_updates.js';
import { hashPassword, verifyPassword } from '../../../src/domain/passwords.js';
import { NotFoundInStoreError } from '../../../src/domain/ports.js';
import type { AdminAccount } from '../../../src/domain/types.js';
import type { Store } from '../../../src/store/store.js';
import { describeEachStore } from '../../support/stores.js';

/**
 * Writes to one dashboard admin that race (an invitation adding a tenant, a password change, a new
 * set-password link) all count: a write computed from a read another write has overtaken is refused
 * by the store and made again from a new read. Each race is made certain by running the other write
 * between the first one's read and its write.
 */
describeEachStore('writes to one admin that race', (harness) => {
  const unique = (label: string) => `${label}-${Math.random().toString(36).slice(2, 10)}`;
  // No first-start password file to remove: a directory that does not exist.
  const dataDir = '/nonexistent/fitgate-admin-races';

  async function anAdmin(overrides: Partial<AdminAccount> = {}): Promise<AdminAccount> {
    const admin: AdminAccount = { email: `${unique('admin')}@example.com`, tenants: ['default'], createdAt: new Date().toISOString(), ...overrides };
    await harness.store().admins.create(admin);
    return admin;
  }

  /**
   * The store, with `meanwhile` run once, right before the first admin update is written: that
   * update was computed from a read `meanwhile` overtakes. `ran()` says whether it did.
   */
  function withWriteBeforeFirstUpdate(meanwhile: () => Promise<unknown>): { store: Store; ran: () => boolean } {
    const store = harness.store();
    let done = false;
    const admins = Object.create(store.admins) as Store['admins'];
    admins.update = async (admin) => {
      if (!done) {
        done = true;
        await meanwhile();
      }
      return store.admins.update(admin);
    };
    return { store: Object.assign(Object.create(store) as Store, { admins }), ran: () => done };
  }

  const passwordDeps = (store: Store) => ({ admins: store.admins, dataDir });

  it('keeps a new password set while an invitation was adding a tenant, and the tenant', async () => {
    const admin = await anAdmin({ passwordHash: await hashPassword('the old password') });
    const acme = unique('acme');
    const raced = withWriteBeforeFirstUpdate(() => setAdminPassword(passwordDeps(harness.store()), admin.email, 'the new password'));

    expect(await inviteAdmin(raced.store, acme, admin.email, { email: 'owner@example.com', tenants: ['default', acme] })).toEqual({ kind: 'added_existing' });
    expect(raced.ran()).toBe(true);
    const stored = (await harness.store().admins.get(admin.email))!;
    expect(stored).toMatchObject({ tenants: ['default', acme], credentialVersion: 1 });
    expect(await verifyPassword('the new password', stored.passwordHash!)).toBe(true);
  });

  it('keeps a tenant added while a password change was being written, and the new password', async () => {
    const admin = await anAdmin({ passwordHash: await hashPassword('the old password') });
    const acme = unique('acme');
    const raced = withWriteBeforeFirstUpdate(() => inviteAdmin(harness.store(), acme, admin.email, { email: 'owner@example.com', tenants: ['default', acme] }));

    const updated = await setAdminPassword(passwordDeps(raced.store), admin.email, 'the new password', { credentialVersion: 0 });
    expect(raced.ran()).toBe(true);
    const stored = (await harness.store().admins.get(admin.email))!;
    expect(updated).toEqual(stored);
    expect(stored).toMatchObject({ tenants: ['default', acme], credentialVersion: 1 });
    expect(await verifyPassword('the new password', stored.passwordHash!)).toBe(true);
  });

  it('keeps both of two tenants added to one account at once', async () => {
    const admin = await anAdmin({ passwordHash: await hashPassword('a password') });
    const [acme, globex] = [unique('acme'), unique('globex')];
    // Each inviter manages both tenants: the rule, checked again on the record the retry reads, lets both in.
    const [a, b] = ['a@example.com', 'b@example.com'].map((email) => ({ email, tenants: ['default', acme, globex] }));
    const raced = withWriteBeforeFirstUpdate(() => inviteAdmin(harness.store(), globex, admin.email, b!));

    expect(await inviteAdmin(raced.store, acme, admin.email, a!)).toEqual({ kind: 'added_existing' });
    expect(raced.ran()).toBe(true);
    expect((await harness.store().admins.get(admin.email))?.tenants.sort()).toEqual(['default', acme, globex].sort());
    expect((await harness.store().admins.listByTenant(acme)).map((a) => a.email)).toEqual([admin.email]);
    expect((await harness.store().admins.listByTenant(globex)).map((a) => a.email)).toEqual([admin.email]);
  });

  it('writes nothing for a tenant another write added meanwhile, and says the admin already has it', async () => {
    const admin = await anAdmin({ passwordHash: await hashPassword('a password') });
    const acme = unique('acme');
    const raced = withWriteBeforeFirstUpdate(() => updateAdmin(harness.store().admins, admin.email, withTenant(acme)));

    expect(await inviteAdmin(raced.store, acme, admin.email, { email: 'a@example.com', tenants: ['default', acme] })).toEqual({ kind: 'already_admin' });
    expect(await harness.store().admins.get(admin.email)).toMatchObject({ tenants: ['default', acme], revision: 1 });
  });

  it('adds no tenant for an inviter who does not manage a tenant the account gained meanwhile', async () => {
    const admin = await anAdmin({ passwordHash: await hashPassword('a password') });
    const [acme, globex] = [unique('acme'), unique('globex')];
    const raced = withWriteBeforeFirstUpdate(() => updateAdmin(harness.store().admins, admin.email, withTenant(globex)));

    expect(await inviteAdmin(raced.store, acme, admin.email, { email: 'a@example.com', tenants: ['default', acme] })).toEqual({ kind: 'beyond_your_tenants' });
    expect(raced.ran()).toBe(true);
    expect((await harness.store().admins.get(admin.email))?.tenants).toEqual(['default', globex]);
  });

  it('gives no new set-password link to an account whose password was set meanwhile, and keeps that password', async () => {
    const admin = await anAdmin();
    const raced = withWriteBeforeFirstUpdate(() => setAdminPassword(passwordDeps(harness.store()), admin.email, 'chosen with the link'));

    expect(await renewSetPasswordLink(raced.store, 'default', admin.email, { ...admin, email: 'owner@example.com' })).toEqual({ kind: 'not_pending' });
    expect(raced.ran()).toBe(true);
    const stored = (await harness.store().admins.get(admin.email))!;
    expect(stored.credentialVersion).toBe(1);
    expect(await verifyPassword('chosen with the link', stored.passwordHash!)).toBe(true);
  });

  it('sets no password through a link that a newer link replaced meanwhile', async () => {
    const admin = await anAdmin();
    const raced = withWriteBeforeFirstUpdate(() => renewSetPasswordLink(harness.store(), 'default', admin.email, { ...admin, email: 'owner@example.com' }));

    expect(await setAdminPassword(passwordDeps(raced.store), admin.email, 'chosen with the old link', { credentialVersion: 0 })).toBeUndefined();
    expect(raced.ran()).toBe(true);
    const stored = (await harness.store().admins.get(admin.email))!;
    expect(stored.passwordHash).toBeUndefined();
    expect(stored.credentialVersion).toBe(1);
  });

  it('sets no password through a link whose account was deleted meanwhile, and brings no account back', async () => {
    const admin = await anAdmin();
    const raced = withWriteBeforeFirstUpdate(async () => harness.store().admins.delete((await harness.store().admins.get(admin.email))!));

    expect(await setAdminPassword(passwordDeps(raced.store), admin.email, 'chosen as the account went', { credentialVersion: 0 })).toBeUndefined();
    expect(raced.ran()).toBe(true);
    expect(await harness.store().admins.get(admin.email)).toBeUndefined();
  });

  it('tells the reset on the server that an account deleted meanwhile is not there', async () => {
    const admin = await anAdmin();
    const raced = withWriteBeforeFirstUpdate(async () => harness.store().admins.delete((await harness.store().admins.get(admin.email))!));

    await expect(setAdminPassword(passwordDeps(raced.store), admin.email, 'reset as the account went')).rejects.toThrow(NotFoundInStoreError);
  });
});
