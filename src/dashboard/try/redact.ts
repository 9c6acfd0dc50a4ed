import { isSecretParameter } from '../../logging/redact_url.js';

/**
 * Redaction for what a TRY shows the admin. Codes, states, tokens and secrets are replaced by a
 * marker that still says the value was there; everything else is shown as the upstream sent it.
 */
export const REDACTED = '[redacted]';

/**
 * Besides the query parameters the request log redacts too (isSecretParameter), names no list can
 * hold: a JSON property of an upstream's answer or profile ("refreshToken", "session_state").
 */
const SECRET_KEY = /(^|_)(code|state)$|token|secret|password|assertion/i;

export function isSecretKey(key: string): boolean {
  return isSecretParameter(key) || SECRET_KEY.test(key);
}

/** A copy of a JSON value with every secret-looking property's value replaced, at any depth. */
export function redactJson(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redactJson);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>).map(([key, inner]) => [key, isSecretKey(key) ? REDACTED : redactJson(inner)]),
  );
}

/** Query parameters as name → value, secrets redacted; repeated parameters joined. */
export function redactParameters(parameters: Iterable<[string, string]>): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [key, value] of parameters) {
    const shown = isSecretKey(key) ? REDACTED : value;
    result[key] = key in result ? `${result[key]}, ${shown}` : shown;
  }
  return result;
}

/** A URL with its secret query parameters redacted (state, code, nonce...). */
export function redactUrl(url: string): string {
  const parsed = new URL(url);
  for (const key of [...parsed.searchParams.keys()]) {
    if (isSecretKey(key)) parsed.searchParams.set(key, REDACTED);
  }
  return parsed.toString();
}
