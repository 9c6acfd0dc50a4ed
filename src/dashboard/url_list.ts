import type { AppType } from '../domain/types.js';

/**
 * Allowed callback and logout URLs as an admin types them: one per line or comma-separated, each
 * absolute, https (plain http only for loopback hosts, where a developer runs the app), with no
 * fragment (RFC 6749 §3.1.2) and no wildcard, since /authorize compares redirect_uri exactly.
 * Native apps may also use a private-use scheme in reverse-domain form (RFC 8252 §7.1).
 */
export type UrlListResult = { ok: true; urls: string[] } | { ok: false; message: string };

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);
const PRIVATE_USE_SCHEME = /^[a-z][a-z0-9+-]*(\.[a-z0-9+-]+)+:$/;

export function parseUrlList(text: string, appType: AppType): UrlListResult {
  const entries = text
    .split(/[\n,]/)
    .map((entry) => entry.trim())
    .filter(Boolean);
  for (const entry of entries) {
    const problem = urlProblem(entry, appType);
    if (problem) return { ok: false, message: `${entry}: ${problem}` };
  }
  return { ok: true, urls: [...new Set(entries)] };
}

function urlProblem(entry: string, appType: AppType): string | undefined {
  if (entry.includes('*')) return 'wildcards are not allowed; list each URL exactly.';
  let url: URL;
  try {
    url = new URL(entry);
  } catch {
    return 'is not an absolute URL (it must start with https://).';
  }
  if (url.hash || entry.includes('#')) return 'must not contain a fragment (#...).';
  if (url.protocol === 'https:') return undefined;
  if (url.protocol === 'http:') {
    const loopback = LOOPBACK_HOSTS.has(url.hostname) || url.hostname.endsWith('.localhost');
    return loopback ? undefined : 'must use https (plain http is only allowed for localhost).';
  }
  if (appType === 'native' && PRIVATE_USE_SCHEME.test(url.protocol)) return undefined;
  return appType === 'native'
    ? 'must use https, http on localhost, or a reverse-domain scheme such as com.example.app:/callback.'
    : 'must use https (plain http is only allowed for localhost).';
}
