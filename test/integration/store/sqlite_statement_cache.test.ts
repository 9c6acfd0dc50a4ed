import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { openDatabase } from '../../../src/store/sqlite/database.js';

describe('embedded database statement cache', () => {
  const dir = mkdtempSync(join(tmpdir(), 'fitgate-statements-'));
  const db = openDatabase(dir);
  afterAll(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('compiles each SQL text once and hands back the same statement', () => {
    const first = db.prepare('SELECT name FROM tenants WHERE name = ?');
    expect(db.prepare('SELECT name FROM tenants WHERE name = ?')).toBe(first);
    expect(db.prepare('SELECT doc FROM tenants WHERE name = ?')).not.toBe(first);
  });

  it('gives a reused statement fresh parameters every time', () => {
    const echo = (value: string): unknown => (db.prepare('SELECT ? AS value').get(value) as { value: unknown }).value;
    expect(echo('first')).toBe('first');
    expect(echo('second')).toBe('second');
  });
});
