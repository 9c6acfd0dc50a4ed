import { type LogCheckpoint, type LogQuery, type LogRepository } from '../../domain/ports.js';
import { logIdTime } from '../../domain/log_events.js';
import type { LogEvent, Page } from '../../domain/types.js';
import { pageWindow } from '../paging.js';
import { readDocument, readDocuments } from './document_writer.js';
import type { RedisKeys } from './keys.js';
import { RedisLogAppendBatch } from './log_append_batch.js';
import type { RedisClient } from './redis_client.js';

/** Events deleted per round trip by the retention sweep. */
const SWEEP_BATCH = 500;

/**
 * Log events as JSON strings, indexed by sorted sets scored by date (read newest or oldest first): all events of a
 * tenant, by type, by user, and by user and type, so every LogQuery is one range read. Appends are
 * written in batches (log_append_batch.ts: at most 100 ms later, one MULTI per batch); reads in this
 * process flush first, so they see every append.
 */
export class RedisLogRepository implements LogRepository {
  private readonly batch: RedisLogAppendBatch;

  constructor(
    private readonly client: RedisClient,
    private readonly keys: RedisKeys,
    onError: (error: unknown) => void = () => undefined,
    onLost: (count: number) => void = () => undefined,
  ) {
    this.batch = new RedisLogAppendBatch((events) => this.insert(events), onError, onLost);
  }

  /** An id already in the batch is dropped here; one already stored, by the batch's SET NX. */
  async append(event: LogEvent): Promise<void> {
    if (!this.batch.has(event.tenant, event.id)) this.batch.add(event);
  }

  /** Writes the pending batch; called before reads and on close. */
  flush(): Promise<void> {
    return this.batch.flush();
  }

  async close(): Promise<void> {
    await this.batch.close();
  }

  /**
   * One MULTI for the batch: each event's document (SET NX: an id is never overwritten) and one
   * ZADD per index holding all of the batch's members, so the events and their index entries
   * arrive together or not at all.
   */
  private async insert(events: readonly LogEvent[]): Promise<void> {
    const multi = this.client.multi();
    const indexes = new Map<string, Array<{ score: number; value: string }>>();
    for (const event of events) {
      multi.set(this.keys.log(event.tenant, event.id), JSON.stringify(event), { NX: true });
      const score = Date.parse(event.date);
      for (const index of this.indexesOf(event)) {
        const members = indexes.get(index) ?? [];
        members.push({ score, value: event.id });
        indexes.set(index, members);
      }
    }
    for (const [index, members] of indexes) multi.zAdd(index, members);
    await multi.exec();
  }

  async get(tenant: string, id: string): Promise<LogEvent | undefined> {
    await this.flush();
    return readDocument<LogEvent>(this.client, this.keys.log(tenant, id));
  }

  async list(tenant: string, query: LogQuery): Promise<Page<LogEvent>> {
    await this.flush();
    const { offset, limit } = pageWindow(query);
    const index = this.indexFor(tenant, query);
    const [ids, total] = await Promise.all([
      query.oldestFirst ? this.client.zRange(index, offset, offset + limit - 1) : this.client.zRange(index, offset, offset + limit - 1, { REV: true }),
      this.client.zCard(index),
    ]);
    return { items: await readDocuments<LogEvent>(this.client, ids.map((id) => this.keys.log(tenant, id))), total };
  }

  /**
   * The tenant's set is scored by the event's epoch ms and log ids start with that ms in hex, so
   * (score, member) order is log_id order: read from the checkpoint's ms, skipping ids not after it.
   */
  async listAfter(tenant: string, { from, take }: LogCheckpoint): Promise<LogEvent[]> {
    await this.flush();
    const fromMs = logIdTime(from);
    const ids: string[] = [];
    for (let offset = 0; ids.length < take; offset += take) {
      const batch = await this.client.zRange(this.keys.logList(tenant), fromMs, '+inf', { BY: 'SCORE', LIMIT: { offset, count: take } });
      ids.push(...batch.filter((id) => id > from).slice(0, take - ids.length));
      if (batch.length < take) break;
    }
    return readDocuments<LogEvent>(this.client, ids.map((id) => this.keys.log(tenant, id)));
  }

  /**
   * Walks each tenant's events oldest first, a batch at a time, and deletes each event with its
   * entries in every index in one MULTI, so a sweep cut short leaves no index entry without its
   * event. An entry whose event is already gone (another sweeper) is simply removed again.
   */
  async deleteOlderThan(before: Date): Promise<number> {
    await this.flush();
    const cutoff = before.getTime();
    let deleted = 0;
    for (const tenant of await this.client.zRange(this.keys.tenantList(), 0, -1)) {
      for (;;) {
        const ids = await this.client.zRange(this.keys.logList(tenant), '-inf', `(${cutoff}`, {
          BY: 'SCORE',
          LIMIT: { offset: 0, count: SWEEP_BATCH },
        });
        if (ids.length === 0) break;
        const docs = await this.client.mGet(ids.map((id) => this.keys.log(tenant, id)));
        const sweep = this.client.multi();
        ids.forEach((id, i) => {
          const json = docs[i];
          const indexes = json ? this.indexesOf(JSON.parse(json) as LogEvent) : [this.keys.logList(tenant)];
          for (const index of indexes) sweep.zRem(index, id);
          sweep.del(this.keys.log(tenant, id));
        });
        await sweep.exec();
        deleted += ids.length;
      }
    }
    return deleted;
  }

  /** Every sorted set that lists the event: the tenant's, by type, and by user and by user and type. */
  private indexesOf(event: LogEvent): string[] {
    const indexes = [this.keys.logList(event.tenant), this.keys.logsByType(event.tenant, event.type)];
    if (event.userId !== undefined) {
      indexes.push(this.keys.logsByUser(event.tenant, event.userId), this.keys.logsByUserAndType(event.tenant, event.userId, event.type));
    }
    return indexes;
  }

  private indexFor(tenant: string, { type, userId }: LogQuery): string {
    if (userId !== undefined && type !== undefined) return this.keys.logsByUserAndType(tenant, userId, type);
    if (userId !== undefined) return this.keys.logsByUser(tenant, userId);
    if (type !== undefined) return this.keys.logsByType(tenant, type);
    return this.keys.logList(tenant);
  }
}
