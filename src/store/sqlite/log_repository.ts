import { type LogCheckpoint, type LogQuery, type LogRepository } from '../../domain/ports.js';
import type { LogEvent, Page } from '../../domain/types.js';
import { pageWindow } from '../paging.js';
import type { SqliteDatabase } from './database.js';
import { LogBatch } from './log_batch.js';
import { deleteLogsOlderThan } from './log_retention.js';
import { countOf, docOf, docsOf, isUniqueViolation } from './sql_support.js';
import { writeGateOf, type WriteGate } from './write_gate.js';

/**
 * Log events, newest (or oldest) first, filtered by type or user through their own indexes. Appends are
 * committed in batches (log_batch.ts: at most 100 ms later, one fsync per batch); reads in this
 * process flush first, so they see every append (unless another process holds the lock: then the
 * batch waits for it, and the read goes ahead without it).
 */
export class SqliteLogRepository implements LogRepository {
  private readonly batch: LogBatch;
  private readonly writes: WriteGate;

  constructor(
    private readonly db: SqliteDatabase,
    onError: (error: unknown) => void = () => undefined,
    onLost: (count: number) => void = () => undefined,
  ) {
    this.writes = writeGateOf(db);
    this.batch = new LogBatch((events) => this.insert(events), onError, onLost);
  }

  /** An id already in the batch is dropped here; one already stored, when the batch is inserted. */
  async append(event: LogEvent): Promise<void> {
    if (!this.batch.has(event.tenant, event.id)) this.batch.add(event);
  }

  /** Commits the pending batch; called before reads and on close. */
  flush(): void {
    this.batch.flush();
  }

  async close(): Promise<void> {
    await this.batch.close();
  }

  private insert(events: readonly LogEvent[]): void | Promise<void> {
    const insert = this.db.prepare('INSERT INTO logs (tenant, id, date, type, user_id, doc) VALUES (?, ?, ?, ?, ?, ?)');
    const insertAll = this.db.transaction(() => {
      for (const event of events) {
        try {
          insert.run(event.tenant, event.id, event.date, event.type, event.userId ?? null, JSON.stringify(event));
        } catch (error) {
          // An id already stored (by this process or another): the first event stays.
          if (!isUniqueViolation(error)) throw error;
        }
      }
    });
    return this.writes.write(() => insertAll.immediate());
  }

  async deleteOlderThan(before: Date): Promise<number> {
    this.flush();
    return deleteLogsOlderThan(this.db, before);
  }

  async get(tenant: string, id: string): Promise<LogEvent | undefined> {
    this.flush();
    return docOf<LogEvent>(this.db.prepare('SELECT doc FROM logs WHERE tenant = ? AND id = ?').get(tenant, id));
  }

  /** Read through the (tenant, id) unique index: ids start with their time, so this is oldest first. */
  async listAfter(tenant: string, { from, take }: LogCheckpoint): Promise<LogEvent[]> {
    this.flush();
    return docsOf<LogEvent>(this.db.prepare('SELECT doc FROM logs WHERE tenant = ? AND id > ? ORDER BY id LIMIT ?').all(tenant, from, take));
  }

  async list(tenant: string, query: LogQuery): Promise<Page<LogEvent>> {
    this.flush();
    const { limit, offset } = pageWindow(query);
    const filters = ['tenant = ?'];
    const params: string[] = [tenant];
    if (query.type !== undefined) {
      filters.push('type = ?');
      params.push(query.type);
    }
    if (query.userId !== undefined) {
      filters.push('user_id = ?');
      params.push(query.userId);
    }
    const where = filters.join(' AND ');
    // Both orders read the same indexes (tenant[, type | user_id], date DESC, seq DESC), one backwards.
    const order = query.oldestFirst ? 'date ASC, seq ASC' : 'date DESC, seq DESC';
    const items = docsOf<LogEvent>(
      this.db.prepare(`SELECT doc FROM logs WHERE ${where} ORDER BY ${order} LIMIT ? OFFSET ?`).all(...params, limit, offset),
    );
    const total = countOf(this.db.prepare(`SELECT COUNT(*) AS n FROM logs WHERE ${where}`).get(...params));
    return { items, total };
  }
}
