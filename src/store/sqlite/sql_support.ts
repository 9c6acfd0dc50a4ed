/** What libsql reports for a violated UNIQUE or PRIMARY KEY constraint. */
export function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === 'SQLITE_CONSTRAINT_UNIQUE';
}

/** Parses the `doc` column of a row, or undefined when there is no row. */
export function docOf<T>(row: unknown): T | undefined {
  return row === undefined ? undefined : (JSON.parse((row as { doc: string }).doc) as T);
}

export function docsOf<T>(rows: unknown[]): T[] {
  return rows.map((row) => JSON.parse((row as { doc: string }).doc) as T);
}

/** A single integer selected as `n`. */
export function countOf(row: unknown): number {
  return (row as { n: number } | undefined)?.n ?? 0;
}
