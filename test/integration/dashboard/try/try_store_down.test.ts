import { afterEach, describe, expect, it, jest } from '@jest/globals';
import type { EphemeralKind } from '../../../../src/domain/ports.js';
import { StoreUnavailableError } from '../../../../src/errors/index.js';
import { DEMO } from '../../../support/emulator.js';
import { configureFitbit, pressTry, useTrySetup } from '../try_helpers.js';

/** A TRY that cannot begin because fitgate's own store fails says so, and blames no upstream. */
describe('TRY when fitgate’s store fails as it begins', () => {
  const setup = useTrySetup();
  afterEach(() => {
    jest.restoreAllMocks();
  });

  it('answers fitgate’s own 503 page, not a failed TRY of the upstream, and logs no failed TRY', async () => {
    const { store } = setup.harness();
    await configureFitbit(setup.harness(), { api: 'google-health', ...DEMO.googleServer });
    const put = store.ephemeral.put.bind(store.ephemeral);
    jest.spyOn(store.ephemeral, 'put').mockImplementation(async (kind: EphemeralKind, ...rest) => {
      if (kind === 'try_transaction') throw new StoreUnavailableError();
      return put(kind, ...rest);
    });
    const eventsBefore = (await store.logs.list('default', { page: 0, perPage: 100 })).items.length;

    const page = await pressTry(setup.agent(), 503);

    expect(page.headers['retry-after']).toBeDefined();
    expect(page.text).not.toContain('The upstream answered something fitgate could not use');
    expect(page.text).not.toContain('Try failed');
    expect((await store.logs.list('default', { page: 0, perPage: 100 })).items).toHaveLength(eventsBefore);

    jest.restoreAllMocks();
    await pressTry(setup.agent(), 200);
  });

  it('says the same when the store’s error comes up as the driver threw it (a database still locked)', async () => {
    const { store } = setup.harness();
    await configureFitbit(setup.harness(), { api: 'google-health', ...DEMO.googleServer });
    jest.spyOn(store.ephemeral, 'put').mockRejectedValueOnce(Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' }));

    const page = await pressTry(setup.agent(), 503);

    expect(page.text).not.toContain('The upstream answered something fitgate could not use');
  });
});
