import { describe, expect, it } from '@jest/globals';
import { StoreUnavailableError } from '../../../src/errors/index.js';
import type { ConfigVersion } from '../../../src/store/cache/config_version.js';
import { RecordCache } from '../../../src/store/cache/record_cache.js';

type Record = { name: string };
const ALLOWED = { stale: 'allowed' } as const;

/**
 * Automation that changes applications in a loop must not set off a read of every copy per change:
 * changes noticed while the copies are being read again are coalesced into one more round, which
 * reads what the store holds after the last of them.
 */
describe('reading the outage copies again while changes keep coming', () => {
  it('reads each record once more for any number of changes during a round, and keeps what the last one left', async () => {
    let version = 0;
    let down = false;
    const records = new Map<string, Record>([
      ['tenant', { name: 'acme' }],
      ['app', { name: 'v1' }],
    ]);
    let appReads = 0;
    /** The background read of the app, held until the test lets it answer. */
    let holdApp: { started: () => void; answer: Promise<void> } | undefined;
    const configVersion: ConfigVersion = {
      async read() {
        if (down) throw new StoreUnavailableError({ cause: new Error('The client is offline') });
        return String(version);
      },
      async changed() {
        version += 1;
      },
    };
    const load = (key: string) => async () => {
      const record = records.get(key);
      if (key === 'app') {
        appReads += 1;
        const hold = holdApp;
        holdApp = undefined;
        if (hold) {
          hold.started();
          await hold.answer;
        }
      }
      if (down) throw new StoreUnavailableError({ cause: new Error('The client is offline') });
      return record;
    };
    const cache = new RecordCache<Record>(configVersion);
    await cache.get('tenant', load('tenant'));
    await cache.get('app', load('app'));

    let letAnswer!: () => void;
    const answer = new Promise<void>((resolve) => (letAnswer = resolve));
    const started = new Promise<void>((resolve) => (holdApp = { started: resolve, answer }));
    records.set('app', { name: 'v2' });
    version += 1;
    await cache.get('tenant', load('tenant'));
    await started; // the round that reads v2 is under way

    for (const name of ['v3', 'v4', 'v5']) {
      records.set('app', { name });
      version += 1;
      await cache.get('tenant', load('tenant'));
    }
    letAnswer();
    await cache.whenReread();
    expect(appReads).toBe(1 + 2);

    down = true;
    expect(await cache.get('app', load('app'), ALLOWED)).toEqual({ name: 'v5' });
  });
});
