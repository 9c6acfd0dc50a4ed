import type { SealedRecordStore } from './sealed_record_store.js';
import type { KeyUsage } from './sealed_values.js';

export interface MissingMasterKey {
  keyId: string;
  /** How many stored sealed values need that key to open. */
  values: number;
}

/** Key ids that seal stored values but are not configured, most used first. */
export function missingMasterKeys(usage: KeyUsage, configuredKeyIds: readonly string[]): MissingMasterKey[] {
  return Object.entries(usage)
    .filter(([keyId, values]) => values > 0 && !configuredKeyIds.includes(keyId))
    .map(([keyId, values]) => ({ keyId, values }))
    .sort((a, b) => b.values - a.values || a.keyId.localeCompare(b.keyId));
}

/** One line for the operator: which key is missing, how many values need it, and what to do. */
export function missingMasterKeyMessage(missing: readonly MissingMasterKey[]): string {
  const keys = missing.map(({ keyId, values }) => `key id ${keyId} (${values} sealed ${values === 1 ? 'value needs' : 'values need'} it)`);
  return (
    `FITGATE_MASTER_KEY lacks ${keys.join(' and ')}: put that key back after the newest one, ` +
    'run `npm run admin -- reseal`, and remove it only once reseal says it may be removed'
  );
}

/** What /health/ready shows about master keys: ids only, never keys or counts of users' records. */
export interface MasterKeyStatus {
  /** The key new values are sealed under. */
  sealing: string | undefined;
  /** Key ids that seal at least one stored value. */
  in_use: string[];
  /** Key ids in use that this process cannot open (not configured). */
  missing: string[];
}

export async function masterKeyStatus(records: Pick<SealedRecordStore, 'keyUsage'>, configuredKeyIds: readonly string[]): Promise<MasterKeyStatus> {
  const usage = await records.keyUsage();
  return {
    sealing: configuredKeyIds[0],
    in_use: Object.keys(usage).filter((keyId) => (usage[keyId] ?? 0) > 0).sort(),
    missing: missingMasterKeys(usage, configuredKeyIds).map(({ keyId }) => keyId),
  };
}

/**
 * The start-up check: first counts what an earlier fitgate left uncounted (once, after an upgrade
 * on Redis), then answers the one-line refusal, or undefined when every key in use is configured.
 */
export async function masterKeyProblem(records: SealedRecordStore, configuredKeyIds: readonly string[]): Promise<string | undefined> {
  await records.countUncounted();
  const missing = missingMasterKeys(await records.keyUsage(), configuredKeyIds);
  return missing.length > 0 ? missingMasterKeyMessage(missing) : undefined;
}
