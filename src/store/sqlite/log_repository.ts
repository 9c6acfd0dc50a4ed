import { AlreadyExistsError, type LogQuery, type LogRepository } from '../../domain/ports.js';
import type { LogEvent, Page } from '../../domain/types.js';
import { pageWindow } from '../paging.js';
import type { SqliteDatabase } from './database.js';
import { deleteLogsOlderThan } from './log_retention.js';
import { countOf, docOf, docsOf, isUniqueViolation } from './sql_support.js';

/** Log events, newest first, filtered by type or user through their own indexes. */
export class SqliteLogRepository implements LogRepository {
  constructor(private readonly db: SqliteDatabase) {}

  async append(event: LogEvent): Promise<void> {
    try {
      this.db
        .prepare('INSERT INTO logs (tenant, id, date, type, user_id, doc) VALUES (?, ?, ?, ?, ?, ?)')
        .run(event.tenant, event.id, event.date, event.type, event.userId ?? null, JSON.stringify(event));
    } catch (error) {
      throw isUniqueViolation(error) ? new AlreadyExistsError(`log event ${event.id}`) : error;
    }
  }

  async deleteOlderThan(before: Date): Promise<number> {
    return deleteLogsOlderThan(this.db, before);
  }

  async get(tenant: string, id: string): Promise<LogEvent | undefined> {
    return docOf<LogEvent>(this.db.prepare('SELECT doc FROM logs WHERE tenant = ? AND id = ?').get(tenant, id));
  }

  async list(tenant: string, query: LogQuery): Promise<Page<LogEvent>> {
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
    const items = docsOf<LogEvent>(
      this.db.prepare(`SELECT doc FROM logs WHERE ${where} ORDER BY date DESC, seq DESC LIMIT ? OFFSET ?`).all(...params, limit, offset),
    );
    const total = countOf(this.db.prepare(`SELECT COUNT(*) AS n FROM logs WHERE ${where}`).get(...params));
    return { items, total };
  }
}
