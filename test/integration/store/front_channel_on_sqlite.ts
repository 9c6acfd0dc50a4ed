import { afterAll, beforeAll } from '@jest/globals';
import type { SqliteStore } from '../../../src/store/sqlite/sqlite_store.js';
import { startFrontChannel, type FrontChannel } from '../../support/authn/front_channel_fixture.js';
import type { TestEmulator } from '../../support/emulator.js';
import { openSqliteTestStore, type TestStore } from '../../support/stores.js';

export interface FrontChannelOnSqlite {
  fitgate(): FrontChannel;
  /** The data directory holding the store's files, for a lock holder to open. */
  location(): string;
}

/**
 * For a describe block: fitgate on a fresh embedded store of its own, its logins going to
 * `emulator`; closed, and the store's files removed, after the block.
 */
export function useFrontChannelOnSqlite(emulator: () => TestEmulator): FrontChannelOnSqlite {
  let testStore: TestStore<SqliteStore> | undefined;
  let fitgate: FrontChannel | undefined;
  beforeAll(async () => {
    testStore = await openSqliteTestStore();
    fitgate = await startFrontChannel({ store: testStore.store, upstream: { kind: 'emulator', emulator: emulator() } });
  });
  afterAll(async () => {
    await fitgate?.close();
    await testStore?.cleanup();
  });
  const ready = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('the front channel is ready inside tests and hooks only');
    return value;
  };
  return { fitgate: () => ready(fitgate), location: () => ready(testStore).location };
}
