/**
 * Upstreams echo what they rejected into their error messages ("Access token expired: eyJhbGciOi...",
 * "Refresh token invalid: 8f3c...", "Received header = Basic MjNB..."), so an upstream message can
 * hold a token, a code or client credentials. Every run of 20 or more token characters is replaced
 * before the message goes anywhere: no English word is that long, and dots and colons split URLs.
 */
const TOKEN_LIKE = /[A-Za-z0-9_~+/=-]{20,}/g;

export function redactTokens(text: string): string;
export function redactTokens(text: string | undefined): string | undefined;
export function redactTokens(text: string | undefined): string | undefined {
  return text?.replace(TOKEN_LIKE, '[redacted]');
}
