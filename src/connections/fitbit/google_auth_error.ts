import { readProtobufFields, type ProtobufField } from './protobuf_fields.js';

/**
 * What Google's error page says about a refused authorize request. Google never answers such a
 * request (an unregistered redirect_uri, an unknown client id, a bad parameter) with a page of its
 * own status: it redirects to https://accounts.google.com/signin/oauth/error?authError=..., whose
 * authError is a protocol buffer in base64url. Google publishes no schema; real values
 * (test/fixtures/google/authorize_error_*.json) carry the OAuth error code in field 1, the
 * description in 2, a help link in 3, the HTTP status in 4, request details in 5 and, in 6, a
 * message for the developer whose field 2 is its description.
 */
export interface GoogleAuthError {
  readonly code: string;
  readonly description?: string;
  readonly status?: number;
  readonly developerDescription?: string;
}

const BASE64URL = /^[A-Za-z0-9_-]+={0,2}$/;
// An OAuth error code (RFC 6749 §4.1.2.1 and Google's own, e.g. disallowed_useragent).
const ERROR_CODE = /^[a-z][a-z_]{0,63}$/;
const utf8 = new TextDecoder('utf-8', { fatal: true });

function text(fields: readonly ProtobufField[], number: number): string | undefined {
  const field = fields.find((candidate) => candidate.number === number);
  if (!field || !('bytes' in field)) return undefined;
  try {
    return utf8.decode(field.bytes);
  } catch {
    return undefined;
  }
}

function varint(fields: readonly ProtobufField[], number: number): number | undefined {
  const field = fields.find((candidate) => candidate.number === number);
  return field && 'varint' in field ? field.varint : undefined;
}

/** The authError parameter's fields; undefined for anything that is not one (never throws). */
export function decodeGoogleAuthError(value: string): GoogleAuthError | undefined {
  if (!BASE64URL.test(value)) return undefined;
  const fields = readProtobufFields(Buffer.from(value, 'base64url'));
  const code = fields && text(fields, 1);
  if (!fields || code === undefined || !ERROR_CODE.test(code)) return undefined;
  const description = text(fields, 2)?.trim();
  const status = varint(fields, 4);
  const developerBytes = fields.find((field) => field.number === 6 && 'bytes' in field);
  const developer = developerBytes && 'bytes' in developerBytes ? readProtobufFields(developerBytes.bytes) : undefined;
  const developerDescription = developer && text(developer, 2)?.trim();
  return {
    code,
    ...(description && { description }),
    ...(status !== undefined && status >= 100 && status <= 599 && { status }),
    ...(developerDescription && { developerDescription }),
  };
}
