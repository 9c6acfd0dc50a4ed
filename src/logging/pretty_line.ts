import { isRecord } from '../util/is_record.js';

/**
 * One of pino's JSON lines as a short line for a person at a terminal: local time, level, the
 * cluster worker that wrote it (`w2`, from the logger's `worker`; absent in the primary and in a
 * single process), message, then the other fields as name=value. A request line (pino-http's req,
 * res, responseTime) reads as `GET /manage 200 4ms`; an error's stack follows on indented lines.
 * Formatted from the line pino wrote, so whatever pino redacted stays redacted. Text that is not a
 * JSON object (the plain start banner, written through the logger's stream to stay in order) is
 * returned as it is.
 */
export function prettyLine(text: string): string {
  const record = parsedRecord(text);
  if (!record) return text;
  const { level, time, msg, err, req, res, responseTime, service: _service, pid: _pid, hostname: _hostname, worker, ...fields } = record;
  const request = isRecord(req) && isRecord(res) ? requestSummary(req, res, responseTime) : undefined;
  const parts = [clock(time), levelLabel(level)];
  // With several workers their lines interleave on one terminal: the worker's number tells them apart.
  if (typeof worker === 'number') parts.push(`w${worker}`);
  else if (worker !== undefined) fields.worker = worker;
  // pino-http's message for every answered request says nothing the summary does not.
  if (typeof msg === 'string' && !(request && msg === 'request completed')) parts.push(printable(msg));
  if (request) parts.push(request);
  // A failed request's id is what its error page shows, so the line can be found from the page.
  if (request && isRecord(req) && typeof level === 'number' && level >= ERROR_LEVEL && req.id !== undefined) fields.requestId = req.id;
  for (const [name, value] of Object.entries(fields)) if (value !== undefined) parts.push(`${printable(name)}=${fieldValue(value)}`);
  const stack = isRecord(err) ? errorText(err) : undefined;
  return `${parts.join(' ')}\n${stack ? `${indented(stack)}\n` : ''}`;
}

const ERROR_LEVEL = 50;

const LEVELS: Readonly<Record<number, string>> = { 10: 'TRACE', 20: 'DEBUG', 30: 'INFO ', 40: 'WARN ', 50: 'ERROR', 60: 'FATAL' };

function parsedRecord(text: string): Record<string, unknown> | undefined {
  if (!text.startsWith('{')) return undefined;
  try {
    const parsed: unknown = JSON.parse(text);
    return isRecord(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/** HH:MM:SS in the machine's time zone: the person reading compares it with their own clock. */
function clock(time: unknown): string {
  const date = typeof time === 'number' ? new Date(time) : new Date();
  return [date.getHours(), date.getMinutes(), date.getSeconds()].map((part) => String(part).padStart(2, '0')).join(':');
}

function levelLabel(level: unknown): string {
  return (typeof level === 'number' && LEVELS[level]) || String(level).toUpperCase().padEnd(5);
}

function requestSummary(req: Record<string, unknown>, res: Record<string, unknown>, responseTime: unknown): string {
  const words = [String(req.method ?? '?'), printable(String(req.url ?? '?')), String(res.statusCode ?? '?')];
  if (typeof res.location === 'string') words.push(`→ ${printable(res.location)}`);
  if (typeof responseTime === 'number') words.push(`${responseTime}ms`);
  return words.join(' ');
}

/** A bare word when it reads unambiguously so, else JSON (quoted, with its escapes). */
function fieldValue(value: unknown): string {
  // JSON.stringify escapes C0 controls only: what an upstream's error_description carries past them
  // (C1, line separators, bidi overrides) must not reach the terminal either.
  if (typeof value === 'string') return /^[\w.:/@+[\]-]+$/.test(value) ? value : printable(JSON.stringify(value));
  return printable(JSON.stringify(value) ?? String(value));
}

function errorText(err: Record<string, unknown>): string | undefined {
  const text = typeof err.stack === 'string' ? err.stack : typeof err.message === 'string' ? `${String(err.type ?? 'Error')}: ${err.message}` : undefined;
  return text?.split('\n').map(printable).join('\n');
}

function indented(text: string): string {
  return text.replace(/^/gm, '    ');
}

/**
 * Control characters replaced: a value a visitor sent (a URL, a header) must not move the cursor,
 * recolour the terminal or start a line of its own once it is no longer escaped as JSON.
 */
function printable(text: string): string {
  // Bidi marks and overrides too: they reorder what follows on the screen, so a line would read
  // otherwise than it was written (Trojan Source, CVE-2021-42574).
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is replaced
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, '\uFFFD');
}
