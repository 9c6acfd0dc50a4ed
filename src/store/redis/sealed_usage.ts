import { keyUsageOf, type KeyUsage, type SealedRecord } from '../../domain/sealed_values.js';
import type { RedisKeys } from './keys.js';

/**
 * What a document write tells the script about sealed values: the document's own usage (per master
 * key id) is kept in a hash beside it, so the script subtracts exactly what was added for that
 * document last time, whatever wrote it, and a document written before counts existed (no entry)
 * subtracts nothing.
 */
export interface SealedUsageWrite {
  usageKey: string;
  countsKey: string;
  usage: KeyUsage;
}

/** The usage after a write of `sealed`; undefined (a delete) counts nothing. */
export function sealedUsageWrite(keys: RedisKeys, sealed: SealedRecord | undefined): SealedUsageWrite {
  return { usageKey: keys.sealedUsage(), countsKey: keys.sealedKeyCounts(), usage: sealed ? keyUsageOf(sealed) : {} };
}
