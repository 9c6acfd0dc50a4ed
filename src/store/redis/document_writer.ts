import { AlreadyExistsError, NotFoundInStoreError } from '../../domain/ports.js';
import { LuaScript } from './lua_script.js';
import type { SealedUsageWrite } from './sealed_usage.js';
import type { RedisClient } from './redis_client.js';

/**
 * One atomic write of a JSON document together with its indexes, checked against the version the
 * caller read (compare-and-set on the whole document). Unique index keys ("claims") hold the id of
 * the record that owns them; sorted sets and sets list records. Any Redis client in any process can
 * race another: the script runs atomically, and a write based on a stale read retries.
 */
export interface DocumentWrite {
  /** The document's key. */
  key: string;
  /** The stored JSON this write is based on; null when the document must not exist yet. */
  expect: string | null;
  /** The new JSON; null deletes the document. */
  doc: string | null;
  /** What claimed keys hold: the record's id. */
  owner: string;
  /** Unique keys this record must own (`what` names it in the error when another record owns it). */
  claim?: Array<{ key: string; what: string }>;
  /** Unique keys to free, when this record still owns them. */
  release?: string[];
  zadd?: Array<{ key: string; score: number; member: string }>;
  zrem?: Array<{ key: string; member: string }>;
  sadd?: Array<{ key: string; member: string }>;
  srem?: Array<{ key: string; member: string }>;
  /**
   * Sets that must keep a member besides `owner` (`what` names each in the error): when one would
   * not, nothing is written. Checked in the script, so no other write can land between check and write.
   */
  keepOthers?: Array<{ key: string; what: string }>;
  /** The document's sealed values per master key id after the write, kept in the same step. */
  sealed?: SealedUsageWrite;
}

export type WriteOutcome = 'ok' | 'exists' | 'missing' | 'changed' | { taken: string } | { alone: string[] };

/** A write refused by DocumentWrite.keepOthers: `what` names the sets the record is the only member of. */
export class LastMemberError extends Error {
  constructor(readonly what: string[]) {
    super(`the only member of ${what.join(', ')}`);
    this.name = 'LastMemberError';
  }
}

const WRITE_DOCUMENT = new LuaScript(`
local spec = cjson.decode(ARGV[1])
local current = redis.call('GET', KEYS[1])
if spec.expect == cjson.null then
  if current then return 'exists' end
elseif not current then
  return 'missing'
elseif current ~= spec.expect then
  return 'changed'
end
local alone = {}
for _, i in ipairs(spec.keepOthers) do
  if redis.call('SCARD', KEYS[i]) - redis.call('SISMEMBER', KEYS[i], spec.owner) < 1 then table.insert(alone, i) end
end
if #alone > 0 then return 'alone:' .. table.concat(alone, ',') end
for _, i in ipairs(spec.claim) do
  local owner = redis.call('GET', KEYS[i])
  if owner and owner ~= spec.owner then return 'taken:' .. i end
end
for _, i in ipairs(spec.release) do
  if redis.call('GET', KEYS[i]) == spec.owner then redis.call('DEL', KEYS[i]) end
end
for _, i in ipairs(spec.claim) do redis.call('SET', KEYS[i], spec.owner) end
for _, op in ipairs(spec.zrem) do redis.call('ZREM', KEYS[op[1]], op[2]) end
for _, op in ipairs(spec.zadd) do redis.call('ZADD', KEYS[op[1]], op[2], op[3]) end
for _, op in ipairs(spec.srem) do redis.call('SREM', KEYS[op[1]], op[2]) end
for _, op in ipairs(spec.sadd) do redis.call('SADD', KEYS[op[1]], op[2]) end
if spec.sealed then
  local usage, counts, field = KEYS[spec.sealed[1]], KEYS[spec.sealed[2]], spec.sealed[3]
  local before = redis.call('HGET', usage, field)
  -- Unchanged usage (a returning user's new tokens sealed under the same master key): no counting.
  if before ~= spec.sealed[4] then
    if before then
      for id, n in pairs(cjson.decode(before)) do
        if redis.call('HINCRBY', counts, id, -n) <= 0 then redis.call('HDEL', counts, id) end
      end
    end
    local after = cjson.decode(spec.sealed[4])
    if next(after) == nil then redis.call('HDEL', usage, field) else
      redis.call('HSET', usage, field, spec.sealed[4])
      for id, n in pairs(after) do redis.call('HINCRBY', counts, id, n) end
    end
  end
end
if spec.doc == cjson.null then redis.call('DEL', KEYS[1]) else redis.call('SET', KEYS[1], spec.doc) end
return 'ok'
`);

export async function writeDocument(client: RedisClient, write: DocumentWrite): Promise<WriteOutcome> {
  // Every key the script touches is declared in KEYS (as Redis asks); the spec refers to them by index.
  const keys = [write.key];
  const index = (key: string): number => {
    const found = keys.indexOf(key);
    if (found >= 0) return found + 1;
    keys.push(key);
    return keys.length;
  };
  const spec = {
    expect: write.expect,
    doc: write.doc,
    owner: write.owner,
    claim: (write.claim ?? []).map((claim) => index(claim.key)),
    release: (write.release ?? []).map(index),
    zrem: (write.zrem ?? []).map((op) => [index(op.key), op.member]),
    zadd: (write.zadd ?? []).map((op) => [index(op.key), String(op.score), op.member]),
    srem: (write.srem ?? []).map((op) => [index(op.key), op.member]),
    sadd: (write.sadd ?? []).map((op) => [index(op.key), op.member]),
    keepOthers: (write.keepOthers ?? []).map((keep) => index(keep.key)),
    sealed: write.sealed && [index(write.sealed.usageKey), index(write.sealed.countsKey), write.key, JSON.stringify(write.sealed.usage)],
  };
  const reply = String(await WRITE_DOCUMENT.run(client, keys, [JSON.stringify(spec)]));
  if (reply.startsWith('taken:')) {
    const key = keys[Number(reply.slice('taken:'.length)) - 1];
    return { taken: write.claim?.find((claim) => claim.key === key)?.what ?? String(key) };
  }
  if (reply.startsWith('alone:')) {
    const alone = reply.slice('alone:'.length).split(',').map((i) => keys[Number(i) - 1]);
    return { alone: alone.map((key) => write.keepOthers?.find((keep) => keep.key === key)?.what ?? String(key)) };
  }
  return reply as WriteOutcome;
}

/** How often a write based on a stale read is retried before giving up. */
const MAX_ATTEMPTS = 10;

/**
 * Reads the current document, builds the write from it, and applies it; retries when another
 * writer changed the document in between. `describe` names the record in errors. `lastRead`, the
 * document's text as this process last read it, stands in for the first read: the write's
 * compare-and-set proves it still current, and a stale one costs a retry with a fresh read.
 */
export async function updateDocument<T>(
  client: RedisClient,
  key: string,
  describe: string,
  build: (current: T, currentJson: string) => DocumentWrite,
  lastRead?: string,
): Promise<void> {
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
    const currentJson = attempt === 0 && lastRead !== undefined ? lastRead : await client.get(key);
    if (currentJson === null) throw new NotFoundInStoreError(describe);
    const outcome = await writeDocument(client, build(JSON.parse(currentJson) as T, currentJson));
    if (outcome === 'changed') continue;
    if (outcome === 'missing') throw new NotFoundInStoreError(describe);
    throwIfRefused(outcome);
    return;
  }
  throw new Error(`${describe} kept changing during the update; gave up after ${MAX_ATTEMPTS} attempts`);
}

/** Creates a document that must not exist yet. */
export async function createDocument(client: RedisClient, write: DocumentWrite, describe: string): Promise<void> {
  const outcome = await writeDocument(client, write);
  if (outcome === 'exists') throw new AlreadyExistsError(describe);
  throwIfRefused(outcome);
}

/** Deletes a document and its indexes; false when there was nothing to delete. */
export async function deleteDocument<T>(
  client: RedisClient,
  key: string,
  build: (current: T, currentJson: string) => DocumentWrite,
): Promise<boolean> {
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
    const currentJson = await client.get(key);
    if (currentJson === null) return false;
    const outcome = await writeDocument(client, build(JSON.parse(currentJson) as T, currentJson));
    if (outcome === 'ok') return true;
    if (outcome === 'missing') return false;
    throwIfRefused(outcome);
  }
  throw new Error(`${key} kept changing during the delete; gave up after ${MAX_ATTEMPTS} attempts`);
}

function throwIfRefused(outcome: WriteOutcome): void {
  if (typeof outcome !== 'object') return;
  throw 'taken' in outcome ? new AlreadyExistsError(outcome.taken) : new LastMemberError(outcome.alone);
}

/** GET + parse; undefined when the key does not exist. */
export async function readDocument<T>(client: RedisClient, key: string): Promise<T | undefined> {
  const json = await client.get(key);
  return json === null ? undefined : (JSON.parse(json) as T);
}

/** MGET + parse, in order, leaving out keys deleted since the index was read. */
export async function readDocuments<T>(client: RedisClient, keys: string[]): Promise<T[]> {
  if (keys.length === 0) return [];
  const values = await client.mGet(keys);
  return values.flatMap((json) => (json === null ? [] : [JSON.parse(json) as T]));
}
