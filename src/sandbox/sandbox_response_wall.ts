import type { OutgoingHttpHeader, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import { emulatorSetCookie } from './cookie_wall.js';

/**
 * The Content-Security-Policy every emulator answer carries besides its own. Browsers enforce every
 * policy a response has, so an emulator can narrow this one and never widen it. `sandbox` puts its
 * pages in an opaque origin: even a page that ran script could not read fitgate's cookies or pages
 * on the same host. Forms stay allowed (the consent page posts), and so do popups and the page's own
 * navigation; scripts, plugins and framing do not. No form-action: a consent form's answer redirects
 * through fitgate's callback on to the client's redirect URI, and Chromium checks form-action at
 * every step of that. Styles and images are left to the emulator's own policy (the pages' inline
 * stylesheet).
 */
export const SANDBOX_CSP_FLOOR = "sandbox allow-forms allow-popups allow-popups-to-escape-sandbox; script-src 'none'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

/**
 * Holds an emulator's answer to what it may do on fitgate's origin, at writeHead, which every answer
 * passes (node:http calls it for an implicit head too): its Set-Cookie headers as emulatorSetCookie
 * allows them, and SANDBOX_CSP_FLOOR appended to its own policy. Headers handed to writeHead itself
 * are set first, so they are held alike.
 */
export function wallResponse(res: ServerResponse, ownHosts: ReadonlySet<string>, requestPrefix: string): void {
  const writeHead = res.writeHead.bind(res) as (...args: unknown[]) => ServerResponse;
  res.writeHead = ((statusCode: number, ...rest: unknown[]) => {
    const reason = typeof rest[0] === 'string' ? [rest.shift() as string] : [];
    setAll(res, rest[0] as OutgoingHttpHeaders | OutgoingHttpHeader[] | undefined);
    const cookies = ([] as Array<string | number>).concat(res.getHeader('Set-Cookie') ?? []).map(String);
    const allowed = cookies.flatMap((cookie) => emulatorSetCookie(cookie, ownHosts, requestPrefix) ?? []);
    if (allowed.length > 0) res.setHeader('Set-Cookie', allowed);
    else res.removeHeader('Set-Cookie');
    const policies = ([] as Array<string | number>).concat(res.getHeader('Content-Security-Policy') ?? []).map(String);
    res.setHeader('Content-Security-Policy', [...policies, SANDBOX_CSP_FLOOR]);
    return writeHead(statusCode, ...reason);
  }) as ServerResponse['writeHead'];
}

/** writeHead's headers, as an object or as node's flat or paired arrays, set on the response. */
function setAll(res: ServerResponse, headers: OutgoingHttpHeaders | OutgoingHttpHeader[] | undefined): void {
  if (!headers) return;
  if (!Array.isArray(headers)) {
    for (const [name, value] of Object.entries(headers)) if (value !== undefined) res.setHeader(name, value);
    return;
  }
  const pairs: Array<[string, OutgoingHttpHeader]> = Array.isArray(headers[0])
    ? (headers as unknown as Array<[string, OutgoingHttpHeader]>)
    : Array.from({ length: Math.floor(headers.length / 2) }, (_, at) => [String(headers[2 * at]), headers[2 * at + 1]!]);
  for (const [name, value] of pairs) res.appendHeader(name, typeof value === 'number' ? String(value) : value);
}
