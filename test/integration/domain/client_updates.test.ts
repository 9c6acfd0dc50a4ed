import { expect, it } from '@jest/globals';
import { saveClientGrant } from '../../../src/domain/client_grants.js';
import { updateClient } from '../../../src/domain/client_updates.js';
import { hashClientSecret, rotateClientSecret, verifyClientSecret } from '../../../src/domain/clients.js';
import { NotFoundInStoreError, type ClientRepository } from '../../../src/domain/ports.js';
import type { Client } from '../../../src/domain/types.js';
import { describeEachStore } from '../../support/stores.js';
import { clientRecord, uniqueId } from '../store/records.js';

/**
 * Every change to a client is made on the record as stored, at its revision: a change computed
 * from a read another write has overtaken (a secret rotated, a grant revoked on another worker) is
 * read again and re-applied, so both count and neither is undone.
 */
describeEachStore('changes to a client, made on the record as stored', (h) => {
  async function aClient(overrides: Partial<Client> = {}): Promise<Client> {
    const client = clientRecord(uniqueId('t'), { appType: 'non_interactive', grantTypes: ['client_credentials'], ...overrides });
    await h.store().clients.create(client);
    return client;
  }

  /** The store's clients, with `between` run once between the first read and the first write: another process's write landing there. */
  function withWriteInBetween(clients: ClientRepository, between: () => Promise<unknown>): { clients: ClientRepository; reads: () => number } {
    let reads = 0;
    let pending: (() => Promise<unknown>) | undefined = between;
    const wrapped = Object.create(clients) as ClientRepository;
    wrapped.getStored = async (tenant, clientId) => {
      reads += 1;
      return clients.getStored(tenant, clientId);
    };
    wrapped.update = async (client) => {
      const run = pending;
      pending = undefined;
      if (run) await run();
      return clients.update(client);
    };
    return { clients: wrapped, reads: () => reads };
  }

  it('re-applies a settings change over a rotation that landed after its read, so the new secret stays', async () => {
    const client = await aClient();
    const other = await h.testStore().reopen();
    let rotatedSecret = '';
    const { clients, reads } = withWriteInBetween(h.store().clients, async () => {
      rotatedSecret = (await rotateClientSecret(other.clients, client.tenant, client.clientId)).clientSecret;
    });

    const saved = await updateClient(clients, client.tenant, client.clientId, (current) => ({ ...current, callbacks: ['https://new.example/cb'] }));

    expect(reads()).toBe(2);
    expect(saved.callbacks).toEqual(['https://new.example/cb']);
    expect(verifyClientSecret(saved, rotatedSecret)).toBe(true);
    expect(saved.clientSecretHash).not.toBe(client.clientSecretHash);
    expect(await h.store().clients.getStored(client.tenant, client.clientId)).toEqual(saved);
  });

  it('keeps a revocation made after the read of a grant save from another process', async () => {
    const client = await aClient({ managementScopes: ['read:users'], managementGrant: true });
    const other = await h.testStore().reopen();
    const { clients } = withWriteInBetween(h.store().clients, () => saveClientGrant(other.clients, client.tenant, client.clientId, undefined));

    // A rotation computed from the read that still saw the grant.
    const { client: rotated } = await rotateClientSecret(clients, client.tenant, client.clientId);

    expect(rotated).toMatchObject({ managementScopes: [], managementGrant: false });
    expect(await h.store().clients.getStored(client.tenant, client.clientId)).toEqual(rotated);
  });

  it('decides again on the record as stored: a check that passed on the first read is made again', async () => {
    const client = await aClient();
    const other = await h.testStore().reopen();
    const { clients } = withWriteInBetween(h.store().clients, () => saveClientGrant(other.clients, client.tenant, client.clientId, ['read:logs']));
    const refused = new Error('already granted');

    await expect(
      saveClientGrant(clients, client.tenant, client.clientId, ['read:users'], (current) => {
        if (current.managementGrant) throw refused;
      }),
    ).rejects.toBe(refused);
    expect((await h.store().clients.getStored(client.tenant, client.clientId))?.managementScopes).toEqual(['read:logs']);
  });

  it('writes nothing when the change returns the record as it is, and answers NotFoundInStoreError for a missing client', async () => {
    const client = await aClient();
    const unchanged = await updateClient(h.store().clients, client.tenant, client.clientId, (current) => current);
    expect(unchanged.revision).toBeUndefined();
    await expect(updateClient(h.store().clients, client.tenant, 'no-such-client', (current) => current)).rejects.toBeInstanceOf(NotFoundInStoreError);
  });

  it('applies parallel rotations and grant changes from two processes, losing none', async () => {
    const client = await aClient({ clientSecretHash: hashClientSecret('first') });
    const other = await h.testStore().reopen();
    const stores = [h.store(), other];
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, index) =>
        index % 2 === 0
          ? rotateClientSecret(stores[index % 2]!.clients, client.tenant, client.clientId).then(({ clientSecret }) => clientSecret)
          : saveClientGrant(stores[index % 2]!.clients, client.tenant, client.clientId, [`scope-${index}`]).then(() => undefined),
      ),
    );
    const stored = await h.store().clients.getStored(client.tenant, client.clientId);
    expect(stored?.revision).toBe(10);
    // The secret of one of the rotations, never the first one.
    const secrets = results.filter((secret): secret is string => secret !== undefined);
    expect(secrets.filter((secret) => verifyClientSecret(stored!, secret))).toHaveLength(1);
    expect(verifyClientSecret(stored!, 'first')).toBe(false);
  });
});
