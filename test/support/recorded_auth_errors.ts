import { readFileSync } from 'node:fs';

/**
 * Google's real refusals of authorize requests, recorded in test/fixtures/google/ with their sources:
 * the address of the error page Google redirected to, and its authError value.
 */
export interface RecordedAuthError {
  readonly source: string;
  readonly location: string;
  readonly authError: string;
}

export function recordedAuthError(code: 'invalid_client' | 'invalid_request'): RecordedAuthError {
  const url = new URL(`../fixtures/google/authorize_error_${code}.json`, import.meta.url);
  return JSON.parse(readFileSync(url, 'utf8')) as RecordedAuthError;
}
