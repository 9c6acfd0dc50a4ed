import type { ReplaceOutcome, SealedRecordPage, SealedRecordStore, StoredSealedRecord } from '../../domain/sealed_record_store.js';
import { keyUsageOf, SEALED_RECORD_KINDS, type KeyUsage, type SealedRecord, type SealedRecordKind } from '../../domain/sealed_values.js';
import type { Connection, Tenant, User } from '../../domain/types.js';
import { writeDocument } from './document_writer.js';
import type { RedisKeys } from './keys.js';
import { LuaScript } from './lua_script.js';
import type { RedisClient } from './redis_client.js';
import { sealedUsageWrite } from './sealed_usage.js';

/**
 * Master key bookkeeping on Redis. Every document write keeps `sealed_key_counts` (key id → values)
 * and the document's own entry in `sealed_usage` in the same script (see document_writer.ts), so
 * keyUsage() is one HGETALL of a few fields. Documents written by a fitgate from before the counts
 * have no entry; countUncounted() adds them once, at the first start after the upgrade.
 */
export class RedisSealedRecordStore implements SealedRecordStore {
  constructor(
    private readonly client: RedisClient,
    private readonly keys: RedisKeys,
  ) {}

  async keyUsage(): Promise<KeyUsage> {
    const counts = await this.client.hGetAll(this.keys.sealedKeyCounts());
    return Object.fromEntries(
      Object.entries(counts)
        .map(([keyId, count]) => [keyId, Number(count)] as const)
        .filter(([, count]) => count > 0),
    );
  }

  async countUncounted(): Promise<number> {
    if ((await this.client.exists(this.keys.sealedUsageComplete())) > 0) return 0;
    let counted = 0;
    for (const kind of SEALED_RECORD_KINDS) {
      let cursor: string | undefined;
      do {
        const page = await this.page(kind, cursor, 500);
        const docKeys = page.records.map((stored) => this.documentKey(stored.sealed));
        const known = docKeys.length > 0 ? await this.client.hmGet(this.keys.sealedUsage(), docKeys) : [];
        for (const [index, stored] of page.records.entries()) {
          if (known[index] !== null || Object.keys(keyUsageOf(stored.sealed)).length === 0) continue;
          // A document changed since the page was read was written by this fitgate, which counted it.
          const reply = await COUNT_IF_UNCOUNTED.run(
            this.client,
            [docKeys[index] ?? '', this.keys.sealedUsage(), this.keys.sealedKeyCounts()],
            [stored.version, JSON.stringify(keyUsageOf(stored.sealed))],
          );
          if (reply === 'counted') counted += 1;
        }
        cursor = page.next;
      } while (cursor !== undefined);
    }
    await this.client.set(this.keys.sealedUsageComplete(), new Date().toISOString());
    return counted;
  }

  async page(kind: SealedRecordKind, cursor: string | undefined, limit: number): Promise<SealedRecordPage> {
    if (kind === 'tenant') return this.tenantPage(cursor, limit);
    return this.perTenantPage(kind, cursor, limit);
  }

  async reread(sealed: SealedRecord): Promise<StoredSealedRecord | undefined> {
    const json = await this.client.get(this.documentKey(sealed));
    return json === null ? undefined : stored(sealed.kind, json);
  }

  async replaceSealed(current: StoredSealedRecord, next: SealedRecord): Promise<ReplaceOutcome> {
    const outcome = await writeDocument(this.client, {
      key: this.documentKey(next),
      expect: current.version,
      doc: JSON.stringify(next.record),
      owner: '',
      sealed: sealedUsageWrite(this.keys, next),
    });
    if (outcome === 'ok') return 'replaced';
    return outcome === 'missing' ? 'missing' : 'changed';
  }

  /** Tenants by name: the list is a sorted set with one score, so names after the cursor are a lex range. */
  private async tenantPage(cursor: string | undefined, limit: number): Promise<SealedRecordPage> {
    const names = await this.client.zRange(this.keys.tenantList(), cursor === undefined ? '-' : `(${cursor}`, '+', {
      BY: 'LEX',
      LIMIT: { offset: 0, count: limit },
    });
    const records = await this.read('tenant', names.map((name) => this.keys.tenant(name)));
    return { records, next: names.length < limit ? undefined : names[names.length - 1] };
  }

  /**
   * Connections and users, tenant by tenant in name order, each tenant's list walked with ZSCAN: its
   * cursor survives writes in between (an element present throughout is returned at least once).
   * The cursor is "<tenant> <zscan cursor>".
   */
  private async perTenantPage(kind: 'connection' | 'user', cursor: string | undefined, limit: number): Promise<SealedRecordPage> {
    let [tenant, scan] = cursor === undefined ? [await this.tenantAfter(undefined), '0'] : splitCursor(cursor);
    const docKeys: string[] = [];
    while (tenant !== undefined && docKeys.length < limit) {
      const list = kind === 'user' ? this.keys.userList(tenant) : this.keys.connectionList(tenant);
      const reply = await this.client.zScan(list, scan, { COUNT: limit });
      const owner: string = tenant;
      docKeys.push(...reply.members.map(({ value }) => (kind === 'user' ? this.keys.user(owner, value) : this.keys.connection(owner, value))));
      scan = reply.cursor;
      if (scan === '0') tenant = await this.tenantAfter(tenant);
    }
    return { records: await this.read(kind, docKeys), next: tenant === undefined ? undefined : `${tenant} ${scan}` };
  }

  private async tenantAfter(name: string | undefined): Promise<string | undefined> {
    const [next] = await this.client.zRange(this.keys.tenantList(), name === undefined ? '-' : `(${name}`, '+', {
      BY: 'LEX',
      LIMIT: { offset: 0, count: 1 },
    });
    return next;
  }

  private async read(kind: SealedRecordKind, docKeys: string[]): Promise<StoredSealedRecord[]> {
    if (docKeys.length === 0) return [];
    const values = await this.client.mGet(docKeys);
    return values.flatMap((json) => (json === null ? [] : [stored(kind, json)]));
  }

  private documentKey(sealed: SealedRecord): string {
    switch (sealed.kind) {
      case 'tenant':
        return this.keys.tenant(sealed.record.name);
      case 'connection':
        return this.keys.connection(sealed.record.tenant, sealed.record.id);
      case 'user':
        return this.keys.user(sealed.record.tenant, sealed.record.userId);
    }
  }
}

/** Adds a document's usage once: only when it has no entry yet and still reads as the caller read it. */
const COUNT_IF_UNCOUNTED = new LuaScript(`
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 'changed' end
if redis.call('HEXISTS', KEYS[2], KEYS[1]) == 1 then return 'known' end
redis.call('HSET', KEYS[2], KEYS[1], ARGV[2])
for id, n in pairs(cjson.decode(ARGV[2])) do redis.call('HINCRBY', KEYS[3], id, n) end
return 'counted'
`);

function stored(kind: SealedRecordKind, json: string): StoredSealedRecord {
  const record = JSON.parse(json) as Tenant & Connection & User;
  return { sealed: { kind, record } as SealedRecord, version: json };
}

/** Tenant names are DNS labels, so they never contain the space. */
function splitCursor(cursor: string): [string | undefined, string] {
  const space = cursor.lastIndexOf(' ');
  return space < 0 ? [undefined, '0'] : [cursor.slice(0, space), cursor.slice(space + 1)];
}
