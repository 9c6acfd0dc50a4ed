/**
 * Whether a value read at run time (parsed JSON, a log record, what a plugin handed back) is an
 * object whose fields can be read by name. Arrays are not: their fields are indexes, never the
 * named ones a caller looks for.
 */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
