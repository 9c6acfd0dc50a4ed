import { forgetLostValues } from './forget_lost_values.js';
import { missingMasterKeyMessage, missingMasterKeys } from './master_key_check.js';
import type { EphemeralStore } from './ports.js';
import type { KeyedSealer, SealedRecordStore, StoredSealedRecord } from './sealed_record_store.js';
import type { Sealed } from './types.js';
import {
  describeSealedRecord,
  mapSealedValues,
  SEALED_RECORD_KINDS,
  sealedKeyId,
  sealedValuesOf,
  type KeyUsage,
  type SealedRecord,
  type SealedRecordKind,
} from './sealed_values.js';

/**
 * Re-seals every stored sealed value under the newest master key, so the older keys can be
 * removed. Safe while fitgate serves: each record is replaced by compare-and-set against the text it
 * was read from, so a token refreshed or a login recorded meanwhile is never overwritten (the record
 * is read again and re-sealed as it is now). In batches, with the position saved after each batch,
 * so an interrupted run resumes where it stopped. The store's per-key counts decide the end: when a
 * concurrent writer put an old value back (a login that read the user before the re-seal), another
 * pass picks it up.
 */

export class MissingMasterKeyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MissingMasterKeyError';
  }
}

export interface ResealDeps {
  records: SealedRecordStore;
  sealer: KeyedSealer;
  /** Where the walk's position is kept between runs. */
  ephemeral: EphemeralStore;
  batchSize?: number;
  /** Called after each batch, for progress lines. */
  onBatch?: (progress: ResealProgress) => void;
  /**
   * Drop what is sealed under keys that are no longer configured instead of refusing (the key is
   * lost: see forget_lost_values.ts for what replaces each kind of value).
   */
  forgetLost?: boolean;
  now?: () => Date;
}

export interface ResealProgress {
  kind: SealedRecordKind;
  pass: number;
  examined: number;
  resealed: number;
}

export interface ResealReport {
  /** The key every value is re-sealed under (the first configured). */
  targetKeyId: string;
  /** Whether this run continued a walk an earlier run left unfinished. */
  resumed: boolean;
  passes: number;
  examined: number;
  /** Records rewritten, and the values re-sealed in them. */
  resealed: number;
  values: number;
  /** Records left as they were because a value in them cannot be opened (corrupt or altered). */
  unreadable: string[];
  /** Records that kept changing under every attempt; the next pass or run retries them. */
  busy: number;
  /** Sealed values still under another key once the run ended (empty: the old keys may go). */
  remaining: KeyUsage;
  /** With forgetLost: where values under a lost key were dropped (users only counted: there may be millions). */
  forgotten: { tenants: string[]; connections: string[]; users: number };
}

interface SavedPosition {
  kind: SealedRecordKind;
  cursor: string | undefined;
}

export const DEFAULT_RESEAL_BATCH = 200;
/** Whole walks per run: the second and third only pick up values a concurrent writer put back. */
const MAX_PASSES = 3;
/** Compare-and-set attempts on one record before leaving it to the next pass. */
const MAX_ATTEMPTS = 5;
const POSITION_TTL_SECONDS = 30 * 24 * 60 * 60;

export async function reseal(deps: ResealDeps): Promise<ResealReport> {
  const [targetKeyId] = deps.sealer.keyIds;
  if (targetKeyId === undefined) throw new Error('reseal needs at least one master key');
  await deps.records.countUncounted();
  const missing = missingMasterKeys(await deps.records.keyUsage(), deps.sealer.keyIds);
  if (missing.length > 0 && !deps.forgetLost) throw new MissingMasterKeyError(missingMasterKeyMessage(missing));

  const saved = await deps.ephemeral.get<SavedPosition>('reseal_progress', targetKeyId);
  const report: ResealReport = {
    targetKeyId,
    resumed: saved !== undefined,
    passes: 0,
    examined: 0,
    resealed: 0,
    values: 0,
    unreadable: [],
    busy: 0,
    remaining: {},
    forgotten: { tenants: [], connections: [], users: 0 },
  };
  let start = saved;
  for (let pass = 1; pass <= MAX_PASSES; pass += 1) {
    report.passes = pass;
    report.busy = 0;
    report.unreadable = [];
    const resealedBefore = report.resealed;
    await walk(deps, targetKeyId, start, pass, report);
    await deps.ephemeral.delete('reseal_progress', targetKeyId);
    report.remaining = otherKeys(await deps.records.keyUsage(), targetKeyId);
    if (Object.keys(report.remaining).length === 0) break;
    // A pass that changed nothing and met no busy record would find the same again (unreadable values).
    if (report.resealed === resealedBefore && report.busy === 0) break;
    start = undefined;
  }
  return report;
}

async function walk(deps: ResealDeps, targetKeyId: string, from: SavedPosition | undefined, pass: number, report: ResealReport): Promise<void> {
  const batchSize = deps.batchSize ?? DEFAULT_RESEAL_BATCH;
  const firstKind = from ? SEALED_RECORD_KINDS.indexOf(from.kind) : 0;
  for (const kind of SEALED_RECORD_KINDS.slice(Math.max(firstKind, 0))) {
    let cursor = from?.kind === kind ? from.cursor : undefined;
    do {
      const page = await deps.records.page(kind, cursor, batchSize);
      for (const stored of page.records) await resealOne(deps, targetKeyId, stored, report);
      cursor = page.next;
      // Saved only after the whole batch is done, so a resumed run never skips a record.
      await deps.ephemeral.put<SavedPosition>('reseal_progress', targetKeyId, { kind, cursor }, POSITION_TTL_SECONDS);
      deps.onBatch?.({ kind, pass, examined: report.examined, resealed: report.resealed });
    } while (cursor !== undefined);
  }
}

async function resealOne(deps: ResealDeps, targetKeyId: string, first: StoredSealedRecord, report: ResealReport): Promise<void> {
  report.examined += 1;
  let stored: StoredSealedRecord | undefined = first;
  for (let attempt = 0; attempt < MAX_ATTEMPTS && stored; attempt += 1) {
    const stale = sealedValuesOf(stored.sealed).filter((value) => sealedKeyId(value) !== targetKeyId);
    if (stale.length === 0) return;
    const isLost = (value: Sealed) => !deps.sealer.keyIds.includes(sealedKeyId(value));
    const forgetting = deps.forgetLost === true && stale.some(isLost);
    let next;
    try {
      const kept = forgetting ? await forgetLostValues(stored.sealed, isLost, deps.sealer, deps.now?.() ?? new Date()) : stored.sealed;
      next = mapSealedValues(kept, (value) => (sealedKeyId(value) === targetKeyId ? value : deps.sealer.seal(deps.sealer.open(value))));
    } catch {
      report.unreadable.push(describeSealedRecord(stored.sealed));
      return;
    }
    const outcome = await deps.records.replaceSealed(stored, next);
    if (outcome === 'replaced') {
      report.resealed += 1;
      report.values += stale.length;
      if (forgetting) noteForgotten(report, stored.sealed);
      return;
    }
    if (outcome === 'missing') return;
    stored = await deps.records.reread(stored.sealed);
  }
  if (stored) report.busy += 1;
}

function otherKeys(usage: KeyUsage, targetKeyId: string): KeyUsage {
  return Object.fromEntries(Object.entries(usage).filter(([keyId, values]) => keyId !== targetKeyId && values > 0));
}

function noteForgotten(report: ResealReport, sealed: SealedRecord): void {
  if (sealed.kind === 'user') report.forgotten.users += 1;
  else if (sealed.kind === 'tenant') report.forgotten.tenants.push(sealed.record.name);
  else report.forgotten.connections.push(`${sealed.record.tenant}/${sealed.record.name}`);
}
