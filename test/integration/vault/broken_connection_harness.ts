import { afterEach } from '@jest/globals';
import { updateConnection } from '../../../src/domain/connection_updates.js';
import { useHarnessWithEmulator, type HarnessWithEmulator } from '../management/harness.js';

/** A harness whose tests break the connection on purpose, and a token reader's token for its users. */
export interface BrokenConnectionHarness extends HarnessWithEmulator {
  /** A Management API token with read:user_idp_tokens, made in beforeAll. */
  tokenReader(): string;
}

/**
 * For a test file at its top level: a harness on its own emulator whose connection is put back as it
 * was, and whose users are deleted, after each test, so each test breaks the connection afresh.
 */
export function useBrokenConnectionHarness(label: string): BrokenConnectionHarness {
  let reader: string | undefined;
  const { emulator, harness } = useHarnessWithEmulator(label, {}, async (started) => {
    reader = await started.tokenWith(['read:user_idp_tokens']);
  });

  afterEach(async () => {
    const original = harness.connection;
    await updateConnection(harness.store.connections, original.tenant, original.id, (current) => ({ ...original, revision: current.revision }));
    for (const user of (await harness.store.users.list(harness.tenant.name, { page: 0, perPage: 100 })).items) {
      await harness.store.users.delete(user.tenant, user.userId);
    }
  });

  return {
    emulator,
    harness,
    tokenReader: () => {
      if (reader === undefined) throw new Error('the token reader is made in beforeAll: read it inside a test or hook');
      return reader;
    },
  };
}
