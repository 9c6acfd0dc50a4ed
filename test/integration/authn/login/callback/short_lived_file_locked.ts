import { join } from 'node:path';
import { SHORT_LIVED_DATABASE_FILE } from '../../../../../src/store/sqlite/short_lived_schema.js';
import type { WriteFault } from '../../../../support/authn/login_through_write_fault.js';
import { holdWriteLock, type HeldLock } from '../../../store/lock_holder.js';

/** The embedded store's short-lived file held under another connection's write lock: reads go on, writes wait and fail. */
export function shortLivedFileLocked(storeLocation: string): WriteFault {
  let holder: HeldLock | undefined;
  return {
    async begin() {
      holder = holdWriteLock(join(storeLocation, SHORT_LIVED_DATABASE_FILE));
    },
    async end() {
      await holder?.release();
    },
  };
}
