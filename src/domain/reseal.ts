import { RecordBusyError } from '../errors/index.js';
import { forgetLostUserTokens, forgetLostValues } from './forget_lost_values.js';
import { missingMasterKeyMessage, missingMasterKeys } from './master_key_check.js';
import { NotFoundInStoreError, type EphemeralStore, type UserRepository } from './ports.js';
import type { KeyedSealer, SealedRecordStore, StoredSealedRecord } from './sealed_record_store.js';
import type { Sealed, User } from './types.js';
import { updateUser } from './user_updates.js';
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
 * removed. Safe while fitgate serves. A user is rewritten through the revision-checked update every
 * user write goes through (user_updates.ts): a login or token refresh that read the user before the
 * re-seal is refused by the store and made again on the re-sealed user, so it can neither put the
 * older sealing back nor be lost, and a re-seal that read before one of them is made again on the
 * user as it is now. Tenants and connections are replaced by compare-and-set against the text they
 * were read from, so a change made meanwhile is never overwritten. In batches, with the position
 * saved after each batch, so an interrupted run resumes where it stopped. The store's per-key
 * counts decide the end: when a writer still put an old value back (an instance that seals under
 * the older key, a connection saved from a copy read before), another pass picks it up.
 */

export class MissingMasterKeyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MissingMasterKeyError';
  }
}

export interface ResealDeps {
  records: SealedRecordStore;
  /** Where users are rewritten: the revision-checked update, as every other writer of a user. */
  users: Pick<UserRepository, 'get' | 'update'>;
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
      for (const stored of page.records) {
        if (stored.sealed.kind === 'user') await resealUser(deps, targetKeyId, stored.sealed.record, report);
        else await resealOne(deps, targetKeyId, stored, report);
      }
      cursor = page.next;
      // Saved only after the whole batch is done, so a resumed run never skips a record.
      await deps.ephemeral.put<SavedPosition>('reseal_progress', targetKeyId, { kind, cursor }, POSITION_TTL_SECONDS);
      deps.onBatch?.({ kind, pass, examined: report.examined, resealed: report.resealed });
    } while (cursor !== undefined);
  }
}

/** A tenant or a connection: compare-and-set against the text it was read from, read again when it changed. */
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

/**
 * A user, through updateUser: the change re-seals the user as stored when it is written, runs again
 * when a login or refresh landed first, and writes nothing when nothing is left to re-seal (a login
 * re-sealed it all meanwhile) or a value cannot be opened. A user that stays busy through every
 * retry is left to the next pass.
 */
async function resealUser(deps: ResealDeps, targetKeyId: string, read: User, report: ResealReport): Promise<void> {
  report.examined += 1;
  const isStale = (value: Sealed) => sealedKeyId(value) !== targetKeyId;
  if (!sealedValuesOf({ kind: 'user', record: read }).some(isStale)) return;
  const isLost = (value: Sealed) => !deps.sealer.keyIds.includes(sealedKeyId(value));
  // What the run that was written did; `change` may run several times, the last one counts.
  let done: { values: number; forgot: boolean } | 'unreadable' | undefined;
  const change = (current: User): User => {
    done = undefined;
    const stale = sealedValuesOf({ kind: 'user', record: current }).filter(isStale);
    if (stale.length === 0) return current;
    const forgot = deps.forgetLost === true && stale.some(isLost);
    try {
      const kept = forgot ? forgetLostUserTokens(current, isLost, deps.now?.() ?? new Date()) : current;
      const next = mapSealedValues({ kind: 'user', record: kept }, (value) => (isStale(value) ? deps.sealer.seal(deps.sealer.open(value)) : value));
      done = { values: stale.length, forgot };
      return next.record;
    } catch {
      done = 'unreadable';
      return current;
    }
  };
  try {
    await updateUser(deps.users, read.tenant, read.userId, change);
  } catch (error) {
    if (error instanceof NotFoundInStoreError) return;
    if (!(error instanceof RecordBusyError)) throw error;
    report.busy += 1;
    return;
  }
  const outcome = done;
  if (outcome === 'unreadable') {
    report.unreadable.push(describeSealedRecord({ kind: 'user', record: read }));
  } else if (outcome) {
    report.resealed += 1;
    report.values += outcome.values;
    if (outcome.forgot) report.forgotten.users += 1;
  }
}

function otherKeys(usage: KeyUsage, targetKeyId: string): KeyUsage {
  return Object.fromEntries(Object.entries(usage).filter(([keyId, values]) => keyId !== targetKeyId && values > 0));
}

function noteForgotten(report: ResealReport, sealed: SealedRecord): void {
  if (sealed.kind === 'user') report.forgotten.users += 1;
  else if (sealed.kind === 'tenant') report.forgotten.tenants.push(sealed.record.name);
  else report.forgotten.connections.push(`${sealed.record.tenant}/${sealed.record.name}`);
}
