import { randomBytes } from 'node:crypto';
import { expect, it } from '@jest/globals';
import { changeSessionLifetimes } from '../../../src/domain/session_lifetime_changes.js';
import { rotateSigningKey } from '../../../src/domain/signing_key_changes.js';
import type { TenantRepository } from '../../../src/domain/ports.js';
import { buildTenant } from '../../../src/domain/tenants.js';
import { createSealer } from '../../../src/store/sealing.js';
import { describeEachStore } from '../../support/stores.js';
import { uniqueId } from '../store/records.js';

const sealer = createSealer([randomBytes(32)]);

/**
 * A tenant's session lifetimes and its signing keys are changes of one record: each is made on the
 * tenant as stored, at its revision, so a settings change and a key rotation landing together, on
 * two processes, both count.
 */
describeEachStore('changes to a tenant, made on the record as stored', (h) => {
  async function aTenant() {
    const tenant = await buildTenant(uniqueId('t').toLowerCase(), sealer);
    await h.store().tenants.create(tenant);
    return tenant;
  }

  /** The store's tenants, with `between` run once between the first read and the first write: another process's write landing there. */
  function withWriteInBetween(tenants: TenantRepository, between: () => Promise<unknown>): TenantRepository {
    let pending: (() => Promise<unknown>) | undefined = between;
    const wrapped = Object.create(tenants) as TenantRepository;
    wrapped.update = async (tenant) => {
      const run = pending;
      pending = undefined;
      if (run) await run();
      return tenants.update(tenant);
    };
    return wrapped;
  }

  it('keeps a key rotation that landed after the read of a settings change', async () => {
    const tenant = await aTenant();
    const other = await h.testStore().reopen();
    let promoted = '';
    const tenants = withWriteInBetween(h.store().tenants, async () => {
      promoted = (await rotateSigningKey({ tenants: other.tenants, locks: other.locks, sealer }, tenant.name)).kid;
    });

    const outcome = await changeSessionLifetimes(tenants, tenant.name, { idleHours: 1 });

    expect(outcome).toEqual({ saved: true, lifetimes: { idleHours: 1, absoluteHours: 168 } });
    const stored = await h.store().tenants.getStored(tenant.name);
    expect(stored).toMatchObject({ idleSessionLifetimeHours: 1, sessionLifetimeHours: 168, revision: 2 });
    expect(stored?.signingKeys.find((key) => key.status === 'current')?.kid).toBe(promoted);
  });

  it('keeps a settings change that landed after the read of a key rotation', async () => {
    const tenant = await aTenant();
    const other = await h.testStore().reopen();
    const tenants = withWriteInBetween(h.store().tenants, () => changeSessionLifetimes(other.tenants, tenant.name, { absoluteHours: 100 }));

    const current = await rotateSigningKey({ tenants, locks: h.store().locks, sealer }, tenant.name);

    const stored = await h.store().tenants.getStored(tenant.name);
    expect(stored).toMatchObject({ sessionLifetimeHours: 100, revision: 2 });
    expect(stored?.signingKeys.find((key) => key.status === 'current')?.kid).toBe(current.kid);
    expect(current.kid).toBe(tenant.signingKeys.find((key) => key.status === 'next')?.kid);
  });

  it('checks a change against the lifetime it leaves alone, as stored, and writes nothing it refuses', async () => {
    const tenant = await aTenant();
    await changeSessionLifetimes(h.store().tenants, tenant.name, { idleHours: 10 });

    const refused = await changeSessionLifetimes(h.store().tenants, tenant.name, { absoluteHours: 5 });

    expect(refused).toEqual({ saved: false, lifetimes: { idleHours: 10, absoluteHours: 5 }, problems: [{ field: 'idleHours', kind: 'longer_than_absolute' }] });
    expect(await h.store().tenants.getStored(tenant.name)).toMatchObject({ idleSessionLifetimeHours: 10, sessionLifetimeHours: 168, revision: 1 });
  });
});
