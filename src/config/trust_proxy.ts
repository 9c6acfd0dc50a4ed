import type { Config } from './config.js';

/** FITGATE_TRUST_PROXY as Express's "trust proxy" setting takes it: true, false, a number of hops, or the list as given. */
export function parseTrustProxy(value: string | undefined): Config['trustProxy'] {
  if (value === undefined) return undefined;
  if (value === 'true') return true;
  if (value === 'false') return false;
  if (/^\d+$/.test(value)) return Number(value);
  return value;
}

/**
 * Whether FITGATE_TRUST_PROXY trusts any proxy at all: unset, "false" and 0 hops trust none, so
 * Express never sees a request as secure, whatever the proxy's X-Forwarded-Proto says.
 */
export function trustsProxy(value: string | undefined): boolean {
  return trustsAnyProxy(parseTrustProxy(value));
}

/** trustsProxy, of the setting as parsed (Config['trustProxy']). */
export function trustsAnyProxy(parsed: Config['trustProxy']): boolean {
  return parsed !== undefined && parsed !== false && parsed !== 0;
}
