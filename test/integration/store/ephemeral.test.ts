import { describe, expect, it } from '@jest/globals';
import { describeEachStore } from '../../support/stores.js';
import { eventually } from './eventually.js';
import { uniqueId } from './records.js';

describeEachStore('ephemeral records', (h) => {
  const ephemeral = () => h.store().ephemeral;

  it('returns what was put, until it is deleted', async () => {
    const key = uniqueId('k');
    await ephemeral().put('login_transaction', key, { state: 'abc', nested: [1, 2] }, 60);
    expect(await ephemeral().get('login_transaction', key)).toEqual({ state: 'abc', nested: [1, 2] });
    expect(await ephemeral().delete('login_transaction', key)).toBe(true);
    expect(await ephemeral().delete('login_transaction', key)).toBe(false);
    expect(await ephemeral().get('login_transaction', key)).toBeUndefined();
  });

  it('keeps kinds apart: the same key under another kind is another record', async () => {
    const key = uniqueId('k');
    await ephemeral().put('ticket', key, 'a ticket', 60);
    expect(await ephemeral().get('grant', key)).toBeUndefined();
    expect(await ephemeral().consume('authorization_code', key)).toBeUndefined();
    expect(await ephemeral().get('ticket', key)).toBe('a ticket');
  });

  it('replaces a record put again under the same key', async () => {
    const key = uniqueId('k');
    await ephemeral().put('grant', key, 1, 60);
    await ephemeral().put('grant', key, 2, 60);
    expect(await ephemeral().get('grant', key)).toBe(2);
  });

  it('hands a consumed record out once: the second consume gets undefined', async () => {
    const key = uniqueId('code');
    await ephemeral().put('authorization_code', key, { userId: 'fitbit|X' }, 60);
    expect(await ephemeral().consume('authorization_code', key)).toEqual({ userId: 'fitbit|X' });
    expect(await ephemeral().consume('authorization_code', key)).toBeUndefined();
    expect(await ephemeral().get('authorization_code', key)).toBeUndefined();
  });

  it('gives a record consumed by concurrent callers on two store instances to exactly one of them', async () => {
    const other = await h.testStore().reopen();
    for (let round = 0; round < 5; round += 1) {
      const key = uniqueId('code');
      await ephemeral().put('authorization_code', key, { round }, 60);
      const results = await Promise.all(
        Array.from({ length: 10 }, (_, i) => (i % 2 === 0 ? ephemeral() : other.ephemeral).consume('authorization_code', key)),
      );
      expect(results.filter((result) => result !== undefined)).toEqual([{ round }]);
    }
  });

  it('makes a record invisible to get, consume and delete once its TTL has run out', async () => {
    const key = uniqueId('k');
    await ephemeral().put('try_transaction', key, 'short-lived', 0.2);
    await ephemeral().put('try_transaction', `${key}-long`, 'long-lived', 60);
    await eventually(async () => ((await ephemeral().get('try_transaction', key)) === undefined ? true : undefined), 'it expires');
    expect(await ephemeral().consume('try_transaction', key)).toBeUndefined();
    expect(await ephemeral().delete('try_transaction', key)).toBe(false);
    expect(await ephemeral().get('try_transaction', `${key}-long`)).toBe('long-lived');
  });

  it('refuses a TTL that is not positive', async () => {
    await expect(ephemeral().put('ticket', uniqueId('k'), 'x', 0)).rejects.toThrow(RangeError);
    await expect(ephemeral().consume('ticket', uniqueId('k'), { key: uniqueId('k'), value: 'x', ttlSeconds: -1 })).rejects.toThrow(RangeError);
  });

  it('leaves the record behind under the kind it names, in the same step', async () => {
    const state = uniqueId('state');
    await ephemeral().put('try_transaction', state, { tenant: 't' }, 60);
    const leave = { kind: 'try_used_state' as const, key: state, value: { used: true }, ttlSeconds: 60 };
    expect(await ephemeral().consume('try_transaction', state, leave)).toEqual({ tenant: 't' });
    expect(await ephemeral().get('try_used_state', state)).toEqual({ used: true });
    // Not under the taken record's kind: the same key there is gone.
    expect(await ephemeral().get('try_transaction', state)).toBeUndefined();
  });

  describe.each(['authorization_code', 'refresh_token'] as const)('a consume that leaves a record behind (%s)', (kind) => {
    it('takes the record and leaves the other in the same step, with its own lifetime', async () => {
      const key = uniqueId('code');
      await ephemeral().put(kind, key, { grantId: 'g1' }, 60);
      const taken = await ephemeral().consume(kind, key, { key: `used:${key}`, value: { used: true }, ttlSeconds: 60 });
      expect(taken).toEqual({ grantId: 'g1' });
      expect(await ephemeral().get(kind, key)).toBeUndefined();
      expect(await ephemeral().get(kind, `used:${key}`)).toEqual({ used: true });

      // Its own lifetime, not the taken record's 60 s: a short one runs out (a separate pair, so that
      // the check above never races its expiry).
      const shortKey = uniqueId('code');
      await ephemeral().put(kind, shortKey, { grantId: 'g3' }, 60);
      expect(await ephemeral().consume(kind, shortKey, { key: `used:${shortKey}`, value: { used: true }, ttlSeconds: 0.3 })).toEqual({ grantId: 'g3' });
      await eventually(async () => ((await ephemeral().get(kind, `used:${shortKey}`)) === undefined ? true : undefined), 'the left record expires');
    });

    it('leaves nothing when there was nothing to take', async () => {
      const key = uniqueId('code');
      expect(await ephemeral().consume(kind, key, { key: `used:${key}`, value: { used: true }, ttlSeconds: 60 })).toBeUndefined();
      expect(await ephemeral().get(kind, `used:${key}`)).toBeUndefined();
    });

    it('gives the record to exactly one of concurrent consumers on two store instances', async () => {
      const other = await h.testStore().reopen();
      const key = uniqueId('code');
      await ephemeral().put(kind, key, { grantId: 'g2' }, 60);
      const leave = { key: `used:${key}`, value: { used: true }, ttlSeconds: 60 };
      const results = await Promise.all(Array.from({ length: 6 }, (_, i) => (i % 2 === 0 ? ephemeral() : other.ephemeral).consume(kind, key, leave)));
      expect(results.filter((result) => result !== undefined)).toEqual([{ grantId: 'g2' }]);
      expect(await ephemeral().get(kind, `used:${key}`)).toEqual({ used: true });
    });
  });
});
