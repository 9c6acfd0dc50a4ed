/**
 * A registered callback URL that differs from a refused redirect_uri only in a way developers
 * commonly get wrong, and the words for how it differs: a trailing slash, letter case, the same
 * address written another way (punycode, percent-encoding, a default port), or the scheme or port.
 *
 * Only such a near match is ever named, never the list: the refusal page answers anyone who sends a
 * client_id, and the full list can hold addresses nobody outside should learn (a staging host, a
 * developer's machine). A near match tells the sender only the spelling of an address they have
 * already typed, which every login of the application shows in the browser's address bar anyway;
 * the application's developer, who reads this page, needs exactly that spelling. Auth0's page names
 * none; this is more than it says, on purpose.
 */
export interface CallbackNearMatch {
  /** The registered callback URL, exactly as stored. */
  readonly url: string;
  /** Completes "A registered callback URL differs only …". */
  readonly difference: string;
}

type Rule = (sent: string, registered: string) => string | undefined;

const RULES: readonly Rule[] = [
  (sent, registered) => (withoutTrailingSlash(sent) === withoutTrailingSlash(registered) ? 'by a trailing slash' : undefined),
  (sent, registered) => (sent.toLowerCase() === registered.toLowerCase() ? 'in letter case' : undefined),
  (sent, registered) => (sameAddress(sent, registered) ? 'in how it is written (punycode, percent-encoding or a default port)' : undefined),
  schemeOrPort,
];

/** The first registered URL, by the order of RULES, that nearly equals `sent`; undefined when none does. */
export function callbackNearMatch(sent: string, callbacks: readonly string[]): CallbackNearMatch | undefined {
  for (const rule of RULES) {
    for (const url of callbacks) {
      if (url === sent) continue;
      const difference = rule(sent, url);
      if (difference) return { url, difference };
    }
  }
  return undefined;
}

// The slash that ends the path: before any query or fragment.
function withoutTrailingSlash(url: string): string {
  const queryAt = url.search(/[?#]/);
  const end = queryAt === -1 ? url.length : queryAt;
  const path = url.slice(0, end);
  return (path.endsWith('/') ? path.slice(0, -1) : path) + url.slice(end);
}

function sameAddress(sent: string, registered: string): boolean {
  const href = parsed(sent)?.href;
  return href !== undefined && href === parsed(registered)?.href;
}

function parsed(url: string): URL | undefined {
  return URL.canParse(url) ? new URL(url) : undefined;
}

/** Same host (any case), path, query and fragment; another scheme, port or both. */
function schemeOrPort(sent: string, registered: string): string | undefined {
  const a = parsed(sent);
  const b = parsed(registered);
  if (!a || !b || !a.host || a.hostname !== b.hostname) return undefined;
  if (a.pathname + a.search + a.hash !== b.pathname + b.search + b.hash) return undefined;
  const parts = [a.protocol !== b.protocol && 'scheme', a.port !== b.port && 'port'].filter(Boolean);
  return parts.length > 0 ? `in its ${parts.join(' and ')}` : undefined;
}
