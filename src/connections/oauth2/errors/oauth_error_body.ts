import { optionalString, type JsonObject } from '../json.js';

/** What an OAuth error body says: its code, and its description when it gave one. */
export interface OAuthErrorBody {
  code: string;
  message?: string | undefined;
}

/** RFC 6749 §5.2: `{"error":"invalid_grant","error_description":"..."}`; undefined for any other shape. */
export function readOAuthErrorBody(json: JsonObject): OAuthErrorBody | undefined {
  if (typeof json.error !== 'string') return undefined;
  return { code: json.error, message: optionalString(json.error_description) };
}
