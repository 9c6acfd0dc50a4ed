import type { Sealer } from './ports.js';
import type { KeyUsage, SealedRecord, SealedRecordKind } from './sealed_values.js';

/** A sealer that says which master keys it holds (src/store/sealing.ts). */
export interface KeyedSealer extends Sealer {
  /** Ids of the configured master keys, newest first: the first seals, all open. */
  readonly keyIds: readonly string[];
}

/** A record as stored, with the stored text it was read from (what a compare-and-set compares). */
export interface StoredSealedRecord {
  readonly sealed: SealedRecord;
  readonly version: string;
}

export interface SealedRecordPage {
  readonly records: StoredSealedRecord[];
  /** Where the next page starts; undefined once every record of the kind was returned. */
  readonly next: string | undefined;
}

export type ReplaceOutcome = 'replaced' | 'changed' | 'missing';

/**
 * The store's side of master key rotation (SQLite and Redis implement it; tested on both in
 * test/integration/store/sealed_key_usage.test.ts for the counts, and through the re-seal that walks
 * and rewrites the records in test/integration/domain/reseal.test.ts).
 *
 * Required:
 * - keyUsage: per master key id, how many sealed values every stored record holds. The store keeps
 *   these counts in the same atomic write as each record, so reading them costs a few counters, not
 *   a scan, whatever the number of users.
 * - page / reread / replaceSealed: the re-seal's walk. Pages come in a stable order, so a cursor
 *   saved after one page resumes the walk after a crash; a record created after the walk began may
 *   or may not be seen (it was sealed under the newest key anyway). The re-seal rewrites users
 *   through UserRepository.update instead (its revision check is what keeps a racing login from
 *   putting older sealing back), so it calls reread and replaceSealed for tenants and connections.
 *
 * Recommended:
 * - countUncounted: counts the records written before the store kept counts (a store upgraded from
 *   an earlier fitgate). Idempotent and safe while other processes write; returns how many it
 *   counted. SQLite counts them in its schema migration, so it returns 0 there.
 */
export interface SealedRecordStore {
  keyUsage(): Promise<KeyUsage>;
  countUncounted(): Promise<number>;
  /** Up to about `limit` records of one kind after `cursor` (undefined: from the start). */
  page(kind: SealedRecordKind, cursor: string | undefined, limit: number): Promise<SealedRecordPage>;
  /** The record as stored now; undefined when it was deleted. */
  reread(sealed: SealedRecord): Promise<StoredSealedRecord | undefined>;
  /**
   * Stores `next` (which differs from the stored record in its sealed values, or their removal,
   * only: nothing an index is built from) when the record is still exactly `stored.version`: 'changed' when another writer got
   * there first (nothing written), 'missing' when it was deleted.
   */
  replaceSealed(stored: StoredSealedRecord, next: SealedRecord): Promise<ReplaceOutcome>;
}
