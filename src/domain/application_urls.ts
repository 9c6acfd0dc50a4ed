import { ALLOW_INTERNAL_SETTING, calledHostProblem, connectPort, type CalledUrlReach } from './called_url_reach.js';
import { describeCharacter } from './credential_characters.js';
import type { AppType } from './types.js';

/**
 * The one rule for the URLs an application registers (and the tenant-level logout URLs,
 * tenant_logout_urls.ts), used wherever they are written (Management API, dashboard) and again
 * wherever they are followed (/authorize, /v2/logout, /oidc/logout), so a record stored before the
 * rule existed is refused at use instead of being redirected to.
 *
 * Callback and logout URLs are compared exactly (RFC 6749 §3.1.2.2, OAuth 2.0 Security BCP §4.1),
 * so they are absolute, carry no fragment (RFC 6749 §3.1.2), no user name or password (a classic
 * way to disguise the real host) and no wildcard. Plain http is allowed only for loopback hosts,
 * where a developer runs the application and traffic never leaves the machine (RFC 8252 §7.3).
 * Native applications may also use a private-use scheme in reverse-domain form (RFC 8252 §7.1);
 * schemes that run code or read local data are refused for everyone.
 * Web origins (CORS, silent authentication) are origins: scheme://host[:port], nothing more.
 * Where a URL is written (trimmed first: writtenUrl) it must also be in the form logins send it
 * (writtenFormProblem), the back-channel logout URL fitgate calls too; that part is not checked at
 * use, so a stored URL an app sends byte for byte keeps working.
 */

export type ApplicationUrlField = 'callbacks' | 'allowed_logout_urls' | 'web_origins' | 'allowed_origins';

export interface ApplicationUrlLists {
  appType: AppType;
  callbacks?: readonly string[];
  allowedLogoutUrls?: readonly string[];
  webOrigins?: readonly string[];
  allowedOrigins?: readonly string[];
}

export interface ApplicationUrlProblem {
  field: ApplicationUrlField;
  index: number;
  value: string;
  /** A phrase that follows the value: `<value> <problem>`. */
  problem: string;
}

/** /authorize refuses longer parameters, so a longer callback could never match. */
export const MAX_APPLICATION_URL_LENGTH = 2048;

/** How many URLs one list may hold, counted once repeats are dropped. */
export const MAX_APPLICATION_URLS = 100;

/**
 * A list as it is stored: each URL once, in the order first given. URLs are matched exactly, so a
 * repeat allows nothing more, and both the API and the dashboard store the same list for the same input.
 */
export function distinctUrls(urls: readonly string[]): string[] {
  return [...new Set(urls)];
}

/**
 * A URL as it is read where it is written, by the API and the dashboard alike: without the white
 * space around it (String.prototype.trim's, as credentials are trimmed), which a copy and paste
 * brings along and no login sends. Spaces inside stay, and are refused. A value of spaces only is
 * left empty, and refused as such ("is empty").
 */
export function writtenUrl(value: string): string {
  return value.trim();
}

const NEVER_ALLOWED_SCHEMES = new Set(['javascript:', 'data:', 'file:', 'vbscript:', 'blob:', 'about:', 'filesystem:']);
const PRIVATE_USE_SCHEME = /^[a-z][a-z0-9+-]*(\.[a-z0-9+-]+)+:$/;
const SCHEME_PREFIX = /^[a-z][a-z0-9+.-]*:/i;
// The URL parser silently drops tabs and newlines and reads "\" as "/", so the stored string and
// the address a browser would visit could differ.
// eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
const UNSAFE_CHARACTERS = /[\s\u0000-\u001f\u007f\\]/;
const WILDCARD = 'must not contain wildcards (*): list each URL exactly';
/** A web URL's host as the parser leaves it: a name (IDNs already punycode, lower case), an IPv4 or a bracketed IPv6 address. */
const WEB_HOST = /^(?:[a-z0-9_.-]+|\[[0-9a-f:.]+\])$/;
const HTTPS_ONLY = 'must use https (plain http is allowed only for loopback hosts: localhost, 127.0.0.0/8, [::1])';

/** Loopback names and addresses as the URL parser normalises them (127.1 becomes 127.0.0.1). */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase();
  return (
    host === 'localhost' ||
    // RFC 6761 §6.3: every *.localhost name resolves to loopback; browsers treat it as such (Node
    // does not: isCalledLoopbackHost).
    host.endsWith('.localhost') ||
    /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host) ||
    host === '[::1]'
  );
}

/**
 * Loopback hosts fitgate may call over plain http itself: `localhost` and literal loopback
 * addresses. Not `*.localhost`: browsers map those names to loopback, but Node's fetch asks the
 * system resolver, which may answer with an address off this host, so the request would leave it in
 * cleartext.
 */
export function isCalledLoopbackHost(hostname: string): boolean {
  return isLoopbackHost(hostname) && !hostname.toLowerCase().endsWith('.localhost');
}

const CALLED_HTTP_HOSTS = 'plain http is allowed only for localhost, 127.0.0.0/8 and [::1]';
const CALLED_HTTPS_ONLY = `must use https (fitgate calls this URL itself: ${CALLED_HTTP_HOSTS})`;
const CALLED_HTTPS_ONLY_HERE = `must use https (fitgate calls this URL itself: ${CALLED_HTTP_HOSTS}, which this server calls only when ${ALLOW_INTERNAL_SETTING} is on)`;

/**
 * Why `value` may not be a URL fitgate itself sends requests to (oidc_logout.backchannel_logout_urls),
 * checked where it is written and again before each call; undefined when it may. The rule of a web
 * application's redirect URLs, except that plain http needs a host that cannot resolve off this
 * machine (isCalledLoopbackHost), no custom scheme (no browser hands it to an app), and no host
 * outside `reach`: this host and private networks only where the operator allows them, fitgate's own
 * ports never (called_url_reach.ts). A host name is judged by its address at each call.
 */
export function calledUrlProblem(value: string, reach: CalledUrlReach): string | undefined {
  const common = commonProblem(value);
  if (common) return common;
  const url = new URL(value);
  const httpsOnly = reach.internal ? CALLED_HTTPS_ONLY : CALLED_HTTPS_ONLY_HERE;
  if (url.protocol === 'http:' && !(reach.internal && isCalledLoopbackHost(url.hostname))) return httpsOnly;
  if (url.protocol === 'https:' || url.protocol === 'http:') return calledHostProblem(url.hostname, connectPort(url), reach);
  return PRIVATE_USE_SCHEME.test(url.protocol) ? `uses a custom scheme, which fitgate cannot call: it ${httpsOnly}` : httpsOnly;
}

/** Why `value` may not be a callback or logout URL of an application of `appType`; undefined when it may. */
export function redirectUrlProblem(value: string, appType: AppType): string | undefined {
  const common = commonProblem(value);
  if (common) return common;
  const url = new URL(value);
  if (url.protocol === 'https:') return undefined;
  if (url.protocol === 'http:') return isLoopbackHost(url.hostname) ? undefined : HTTPS_ONLY;
  if (!PRIVATE_USE_SCHEME.test(url.protocol)) {
    return appType === 'native'
      ? 'must use https, http on a loopback host, or a reverse-domain scheme such as com.example.app:/callback (RFC 8252)'
      : HTTPS_ONLY;
  }
  return appType === 'native' ? undefined : 'uses a custom scheme, which only native applications may use (RFC 8252)';
}

/**
 * What a return address is compared by at /v2/logout: the URL as the parser writes it, without its
 * query and fragment, since Auth0 documents for Allowed Logout URLs that "query strings and hash
 * information are not taken into account" there (an app returns to `/?loggedOut=1`). Scheme, host,
 * port and path still have to match, so the comparison opens no redirect. The parser writes an empty
 * http(s) path as "/", so the root-path rule of exactLogoutUrlKey holds here too. /oidc/logout
 * compares the whole address instead (exactLogoutUrlKey). Undefined for a value that is no URL or
 * carries characters no address the browser is sent to may hold.
 */
export function logoutUrlKey(value: string): string | undefined {
  if (UNSAFE_CHARACTERS.test(value) || !URL.canParse(value)) return undefined;
  const url = new URL(value);
  url.search = '';
  url.hash = '';
  return url.href;
}

// An http(s) address whose authority is followed by nothing, a query or a fragment: its path is empty.
const EMPTY_WEB_PATH = /^(https?:\/\/[^/?#]*)(?=[?#]|$)/i;

/**
 * What a return address is compared by at /oidc/logout: the whole address as written, query
 * included (RP-Initiated Logout 1.0 §3: a registered value), except that an empty http(s) path reads
 * as "/". RFC 3986 §6.2.3 makes `http://localhost:4101` and `http://localhost:4101/` the same
 * address, the browser visits the same page for both, and SDKs send the bare origin
 * (express-openid-connect's baseURL, auth-js's returnTo) where a developer registered it with the
 * slash, or the other way round. Nothing else is read another way: letter case, a default port or a
 * dot segment still differ, so what matches is the registered address character for character but
 * that slash. Undefined as for logoutUrlKey.
 */
export function exactLogoutUrlKey(value: string): string | undefined {
  if (UNSAFE_CHARACTERS.test(value) || !URL.canParse(value)) return undefined;
  return value.replace(EMPTY_WEB_PATH, '$1/');
}

/** Why `value` may not be an allowed web origin; undefined when it may. */
export function originProblem(value: string): string | undefined {
  const common = commonProblem(value);
  if (common) return common;
  const url = new URL(value);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'must be an https origin such as https://app.example.com';
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) return HTTPS_ONLY;
  if (url.pathname !== '/' || value.endsWith('/') || value.includes('?')) return ORIGIN_ONLY;
  return undefined;
}

const ORIGIN_ONLY = 'must be an origin only (scheme://host[:port]) with no path, query or trailing slash';

/**
 * Why `value` may not be written as a callback or logout URL of an application of `appType`: the
 * rule at use (redirectUrlProblem) and the form rule (writtenFormProblem). Only where a URL is
 * written: a stored one that an app sends byte for byte keeps working.
 */
export function writtenRedirectUrlProblem(value: string, appType: AppType): string | undefined {
  return redirectUrlProblem(value, appType) ?? writtenFormProblem(value);
}

/**
 * Why `value` may not be written as an allowed web origin: the rule at use and the form rule. Written,
 * nothing may follow the host and port, not even a path the parser reads as none (`/.`).
 */
export function writtenOriginProblem(value: string): string | undefined {
  const written = WRITTEN_PARTS.exec(value);
  const pathWritten = written?.[2] !== undefined && written[3] !== '';
  return originProblem(value) ?? (pathWritten ? ORIGIN_ONLY : writtenFormProblem(value));
}

/**
 * Why `value` may not be written as a URL fitgate calls (a back-channel logout URL): the rule at
 * use (calledUrlProblem) and the form rule the other application URLs are written in, so what is
 * stored is what a person reads in the field (no invisible character, no upper case) and what the
 * parser would call.
 */
export function writtenCalledUrlProblem(value: string, reach: CalledUrlReach): string | undefined {
  return calledUrlProblem(value, reach) ?? writtenFormProblem(value);
}

/** The first URL in an application's lists that may not be written, if any. */
export function firstApplicationUrlProblem(lists: ApplicationUrlLists): ApplicationUrlProblem | undefined {
  const checks: [ApplicationUrlField, readonly string[] | undefined, (value: string) => string | undefined][] = [
    ['callbacks', lists.callbacks, (value) => writtenRedirectUrlProblem(value, lists.appType)],
    ['allowed_logout_urls', lists.allowedLogoutUrls, (value) => writtenRedirectUrlProblem(value, lists.appType)],
    ['web_origins', lists.webOrigins, writtenOriginProblem],
    ['allowed_origins', lists.allowedOrigins, writtenOriginProblem],
  ];
  for (const [field, values, check] of checks) {
    for (const [index, value] of (values ?? []).entries()) {
      const problem = check(value);
      if (problem) return { field, index, value, problem };
    }
  }
  return undefined;
}

/**
 * Why `value` holds a character no registered URL may: a space, a control character (NUL, a line
 * break) or a backslash; undefined when it holds none. Part of every URL rule here, and exported
 * for the Management API, which reads it with a body (client_schemas.ts) so that a NUL in a URL is
 * named in these words, the dashboard's, before the rule for stored text would name it in its own.
 */
export function urlCharactersProblem(value: string): string | undefined {
  return UNSAFE_CHARACTERS.test(value) ? 'must not contain spaces, control characters or backslashes' : undefined;
}

const SECOND_ADDRESS = /,\s*[a-z][a-z0-9+.-]*:\/\//i;

/** The checks every kind of registered URL shares; a URL that passes them parses. */
function commonProblem(value: string): string | undefined {
  // Where a URL is written it is trimmed first (writtenUrl), so this is also an entry of spaces only.
  if (value === '') return 'is empty';
  if (value.length > MAX_APPLICATION_URL_LENGTH) return `is longer than ${MAX_APPLICATION_URL_LENGTH} characters`;
  const characters = urlCharactersProblem(value);
  if (characters) return characters;
  if (value.includes('*')) return WILDCARD;
  // Two addresses joined by a comma (a list typed Auth0's dashboard way) parse as one URL that no
  // login would ever send as its redirect_uri; an address inside a query is percent-encoded.
  if (SECOND_ADDRESS.test(value)) return 'holds a second address after a comma (list each URL on its own)';
  if (!SCHEME_PREFIX.test(value) || !URL.canParse(value)) {
    const port = invalidPort(value);
    return port === undefined ? 'is not an absolute URL (it must start with https://)' : portProblem(port);
  }
  const url = new URL(value);
  // The parser decodes "%2A" in a host to "*", which a Content-Security-Policy source (frame-ancestors,
  // form-action) would read as a wildcard.
  if (url.hostname.includes('*')) return WILDCARD;
  // The parser lets ; , ' " { } through in a host; in a CSP source they would start another directive.
  if ((url.protocol === 'https:' || url.protocol === 'http:') && !WEB_HOST.test(url.hostname)) {
    return 'has a host with characters no host name has (letters, digits, dots, hyphens and underscores only)';
  }
  if (NEVER_ALLOWED_SCHEMES.has(url.protocol)) return `uses the ${url.protocol} scheme, which is never allowed`;
  if (value.includes('#')) return 'must not contain a fragment (#...)';
  if (url.username || url.password || hasUserInfo(value)) return 'must not contain a user name or password before the host (user@host)';
  return undefined;
}

/** "https://@host" parses with an empty user name, so look at the authority as written too. */
function hasUserInfo(value: string): boolean {
  const authority = /^[a-z][a-z0-9+.-]*:\/\/([^/?#]*)/i.exec(value)?.[1];
  return authority?.includes('@') ?? false;
}

/** scheme ":" then, when "//" follows, the authority as written and the rest. */
const WRITTEN_PARTS = /^([a-z][a-z0-9+.-]*):(?:\/\/([^/?#]*))?(.*)$/is;
/**
 * The port as written after a host name or a bracketed address. A name never holds "[", so an IPv6
 * address with no port after it (`[::1]`) is not read as the name "[" and the port ":1]".
 */
const WRITTEN_PORT = /^(?:\[[^\]]*\]|[^:[]*):(.*)$/s;

const portProblem = (port: string) => `has an invalid port "${port}" (a port is a number from 1 to 65535)`;

/** The port as written when it is no number from 1 to 65535 (the parser refuses more, and takes 0, which no server listens on). */
function invalidPort(value: string): string | undefined {
  const authority = WRITTEN_PARTS.exec(value)?.[2];
  const port = authority === undefined ? undefined : WRITTEN_PORT.exec(authority.slice(authority.lastIndexOf('@') + 1))?.[1];
  if (!port) return undefined;
  return /^\d+$/.test(port) && Number(port) >= 1 && Number(port) <= 65535 ? undefined : port;
}

/** A character that shows: a letter, mark, digit, punctuation or symbol (not a space, control or format character). */
const VISIBLE = /^[\p{L}\p{M}\p{N}\p{P}\p{S}]$/u;
const NOT_ASCII = /[^\p{ASCII}]/u;
const NOT_ASCII_ALL = /[^\p{ASCII}]/gu;

/**
 * Why `value`, which passes the rule at use, is not written the way any login sends it. Browsers and
 * SDKs send a URL in the parser's form (scheme and host in lower case, a host name in punycode,
 * non-ASCII characters percent-encoded, no default port, no "." or ".." path segment), and
 * redirect_uri is compared exactly, so a URL stored any other way could never match. Refused where a
 * URL is written, with the form to type instead; not at use, where such a URL that an app does send
 * byte for byte keeps working.
 */
function writtenFormProblem(value: string): string | undefined {
  let position = 0;
  for (const character of value) {
    position += 1;
    if (NOT_ASCII.test(character) && !VISIBLE.test(character)) return `contains ${describeCharacter(character)} (character ${position}): delete it`;
  }
  const port = invalidPort(value);
  if (port !== undefined) return portProblem(port);
  const parts = WRITTEN_PARTS.exec(value);
  if (!parts) return undefined;
  const [, scheme = '', authority, rest = ''] = parts;
  const url = new URL(value);
  const web = url.protocol === 'https:' || url.protocol === 'http:';
  if (web && authority === undefined) {
    return rest.startsWith('/') ? 'has no host' : `has no "//" after "${scheme}:": use ${scheme.toLowerCase()}://${rest}`;
  }
  if (web && authority === '') return 'has no host (it must be written right after the "//")';
  const writtenHost = authority === undefined ? undefined : (/^(?:\[[^\]]*\]|[^:]*)/s.exec(authority)?.[0] ?? authority);
  const host = web && writtenHost !== undefined ? url.hostname : writtenHost;
  const portPart = authority === undefined || writtenHost === undefined ? '' : authority.slice(writtenHost.length);
  const [, path = '', query = ''] = /^([^?]*)(.*)$/s.exec(rest) ?? [];
  // A browser leaves out a default port and resolves dot segments before a URL is sent (new URL(),
  // location), so a web URL is suggested as the parser writes those two parts.
  const parsedPort = web ? (url.port === '' ? '' : `:${url.port}`) : portPart;
  const dotted = web && hasDotSegment(path);
  const suggested =
    `${scheme.toLowerCase()}:${authority === undefined ? '' : `//${percentEncoded(host ?? '')}${parsedPort}`}` +
    `${dotted ? url.pathname : percentEncoded(path)}${percentEncoded(query)}`;
  if (web && writtenHost !== undefined && NOT_ASCII.test(writtenHost)) return `has a non-ASCII host: write it in punycode, ${suggested}`;
  if (/[A-Z]/.test(scheme) || (web && writtenHost !== undefined && /[A-Z]/.test(writtenHost))) {
    return `has upper-case letters in its scheme or host; SDKs send it in lower case: use ${suggested}`;
  }
  if (web && writtenHost !== host) return `has a host the browser reads as ${host ?? ''}: use ${suggested}`;
  if (NOT_ASCII.test(rest)) {
    const where = /^[^?]*[^\p{ASCII}]/u.test(rest) ? 'path' : 'query';
    return `has characters outside ASCII in its ${where}: percent-encode them: ${suggested}`;
  }
  if (NOT_ASCII.test(value)) return `has characters outside ASCII: percent-encode them: ${suggested}`;
  if (portPart !== parsedPort) return `${writtenPortProblem(portPart.slice(1), url)}: use ${suggested}`;
  if (dotted) return `has "." or ".." segments in its path, which browsers and SDKs resolve: use ${suggested}`;
  return undefined;
}

/** A path segment the parser reads as "." or ".." (RFC 3986 §5.2.4; WHATWG URL reads "%2e" as a dot there too). */
function hasDotSegment(path: string): boolean {
  return path.split('/').some((segment) => /^(?:\.|%2e){1,2}$/i.test(segment));
}

/** Why a web URL's port as written (1 to 65535) is not the one a browser sends. */
function writtenPortProblem(written: string, url: URL): string {
  if (url.port !== '') return `has a port the browser reads as ${url.port}`;
  if (written === '') return 'has a ":" with no port after its host';
  return `has the default port of ${url.protocol.slice(0, -1)} (${written}), which browsers and SDKs leave out`;
}

/** `text` with each non-ASCII character percent-encoded as UTF-8, the way the parser and SDKs send it. */
function percentEncoded(text: string): string {
  return text.replace(NOT_ASCII_ALL, (character) => encodeURIComponent(character));
}
