import type { IncomingMessage } from 'node:http';
import { SANDBOX_PATH } from '../upstream/sandbox_upstream.js';

/**
 * Every cookie fitgate sets is named under this prefix (the end user's session, the pending login,
 * the dashboard's session and device cookies), so one rule tells them from an emulator's.
 */
export const FITGATE_COOKIE_PREFIX = 'fitgate.';

const isFitgates = (name: string) => name.trim().toLowerCase().startsWith(FITGATE_COOKIE_PREFIX);

/**
 * Takes fitgate's cookies off a request before an emulator sees it. The emulators answer on fitgate's
 * own origin, where the browser sends them the end user's session cookie (path /) along with any
 * cookie of their own; only the latter are theirs to read. Both places a handler may read are
 * cleaned: `headers` (Express and most code) and `rawHeaders` (node:http code that reads it whole).
 */
export function withoutFitgateCookies(req: IncomingMessage): void {
  const kept: string[] = [];
  const raw: string[] = [];
  for (let at = 0; at + 1 < req.rawHeaders.length; at += 2) {
    const [name, value] = [req.rawHeaders[at]!, req.rawHeaders[at + 1]!];
    if (name.toLowerCase() === 'cookie') kept.push(...ownPairs(value));
    else raw.push(name, value);
  }
  if (kept.length > 0) raw.push('Cookie', kept.join('; '));
  req.rawHeaders = raw;
  if (kept.length > 0) req.headers.cookie = kept.join('; ');
  else delete req.headers.cookie;
  // Node builds headersDistinct from the rawHeaders it parsed (by their first count), so it is given one.
  req.headersDistinct = distinct(raw);
}

function distinct(raw: readonly string[]): Record<string, string[]> {
  const headers: Record<string, string[]> = Object.create(null) as Record<string, string[]>;
  for (let at = 0; at + 1 < raw.length; at += 2) (headers[raw[at]!.toLowerCase()] ??= []).push(raw[at + 1]!);
  return headers;
}

function ownPairs(header: string): string[] {
  return header
    .split(';')
    .map((pair) => pair.trim())
    .filter((pair) => pair !== '' && !isFitgates(pair.slice(0, Math.max(pair.indexOf('='), 0))));
}

/**
 * One Set-Cookie of an emulator as the browser may get it, or undefined to drop it. It may only ever
 * come back to the emulator that set it: its Path is kept when under one of the emulator's own
 * prefixes (`/_sandbox/HOST`, for a host it plays) and is otherwise made the prefix the request came
 * in under (`requestPrefix`); a Domain attribute goes (it would reach every tenant's host). A cookie
 * with no name, or with one of fitgate's, is dropped: browsers send a nameless cookie as its bare
 * value, so `=fitgate.sid=x` would read as fitgate's session cookie.
 */
export function emulatorSetCookie(setCookie: string, ownHosts: ReadonlySet<string>, requestPrefix: string): string | undefined {
  const [pair = '', ...attributes] = setCookie.split(';');
  const equals = pair.indexOf('=');
  const name = equals === -1 ? '' : pair.slice(0, equals).trim();
  if (name === '' || isFitgates(name)) return undefined;
  const attribute = (text: string) => text.split('=')[0]!.trim().toLowerCase();
  const path = attributes
    .filter((text) => attribute(text) === 'path')
    .map((text) => text.slice(text.indexOf('=') + 1).trim())
    .at(-1);
  const kept = attributes.filter((text) => !['path', 'domain'].includes(attribute(text)));
  const ownPath = path !== undefined && [...ownHosts].some((host) => isUnder(path.toLowerCase(), `${SANDBOX_PATH}/${host}`));
  return [pair, ...kept, ` Path=${ownPath ? path : requestPrefix}`].join(';');
}

function isUnder(path: string, prefix: string): boolean {
  return path === prefix || path.startsWith(`${prefix}/`);
}
