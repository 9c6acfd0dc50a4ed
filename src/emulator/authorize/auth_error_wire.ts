/**
 * Google's `authError`: what its error page (https://accounts.google.com/signin/oauth/error) shows,
 * carried in the query of the redirect that refuses an authorize request. It is a protocol buffer
 * (https://protobuf.dev/programming-guides/encoding/) in base64url with `=` padding. Google publishes
 * no schema; these fields are the ones real values carry (test/fixtures/google/authorize_error_*.json):
 *
 *   1 string   the OAuth error code ("redirect_uri_mismatch", "invalid_client", ...)
 *   2 string   the description the page shows
 *   3 string   a help link
 *   4 varint   the HTTP status the page names ("Error 400: ...")
 *   5 message  repeated, a request detail: 1 its name ("redirect_uri"), 2 its value
 *   6 message  for the developer: 1 a varint (1 in every value seen), 2 a description, 3 a link
 *
 * The Fitbit plugin reads the same format on its own (src/connections/fitbit/protobuf_fields.ts):
 * the emulator imports no plugin, so each keeps its reader.
 */
export interface GoogleAuthError {
  readonly code: string;
  readonly description: string;
  readonly helpUrl?: string | undefined;
  readonly status: number;
  readonly requestDetails: readonly (readonly [name: string, value: string])[];
  readonly developer?: { readonly description: string; readonly helpUrl?: string | undefined } | undefined;
}

const VARINT = 0;
const LENGTH_DELIMITED = 2;

function varint(value: number): number[] {
  const bytes: number[] = [];
  let rest = value;
  while (rest > 0x7f) {
    bytes.push((rest % 0x80) | 0x80);
    rest = Math.floor(rest / 0x80);
  }
  bytes.push(rest);
  return bytes;
}

function bytesField(field: number, value: Uint8Array): number[] {
  return [...varint((field << 3) | LENGTH_DELIMITED), ...varint(value.length), ...value];
}

function stringField(field: number, value: string | undefined): number[] {
  return value === undefined ? [] : bytesField(field, Buffer.from(value, 'utf8'));
}

function varintField(field: number, value: number): number[] {
  return [...varint((field << 3) | VARINT), ...varint(value)];
}

/** The authError value for `error`, fields in the order Google writes them. */
export function encodeAuthError(error: GoogleAuthError): string {
  const bytes = [
    ...stringField(1, error.code),
    ...stringField(2, error.description),
    ...stringField(3, error.helpUrl),
    ...varintField(4, error.status),
    ...error.requestDetails.flatMap(([name, value]) => bytesField(5, Uint8Array.from([...stringField(1, name), ...stringField(2, value)]))),
    ...(error.developer
      ? bytesField(6, Uint8Array.from([...varintField(1, 1), ...stringField(2, error.developer.description), ...stringField(3, error.developer.helpUrl)]))
      : []),
  ];
  const base64url = Buffer.from(bytes).toString('base64url');
  return base64url.padEnd(Math.ceil(base64url.length / 4) * 4, '=');
}

type Field = { readonly number: number; readonly value: number | Buffer };

/** The top-level fields of a message; undefined when `bytes` is not one (a length past the end, an unknown wire type). */
function fields(bytes: Buffer): Field[] | undefined {
  const found: Field[] = [];
  let at = 0;
  const readVarint = (): number | undefined => {
    let value = 0;
    for (let shift = 1; at < bytes.length && shift <= 2 ** 63; shift *= 0x80) {
      const byte = bytes[at++]!;
      value += (byte & 0x7f) * shift;
      if (byte < 0x80) return value;
    }
    return undefined;
  };
  while (at < bytes.length) {
    const key = readVarint();
    if (key === undefined) return undefined;
    const number = Math.floor(key / 8);
    if (key % 8 === VARINT) {
      const value = readVarint();
      if (value === undefined) return undefined;
      found.push({ number, value });
    } else if (key % 8 === LENGTH_DELIMITED) {
      const length = readVarint();
      if (length === undefined || at + length > bytes.length) return undefined;
      found.push({ number, value: bytes.subarray(at, at + length) });
      at += length;
    } else {
      return undefined;
    }
  }
  return found;
}

const text = (found: Field[], number: number): string | undefined => {
  const value = found.find((field) => field.number === number)?.value;
  return Buffer.isBuffer(value) ? value.toString('utf8') : undefined;
};

/** What the emulator's error page shows of an authError; undefined when it is none the emulator could have written. */
export function decodeAuthError(value: string): GoogleAuthError | undefined {
  const found = fields(Buffer.from(value, 'base64url'));
  const code = found && text(found, 1);
  const status = found?.find((field) => field.number === 4)?.value;
  if (!found || !code || typeof status !== 'number') return undefined;
  const requestDetails = found
    .filter((field) => field.number === 5 && Buffer.isBuffer(field.value))
    .map((field) => fields(field.value as Buffer) ?? [])
    .map((detail) => [text(detail, 1) ?? '', text(detail, 2) ?? ''] as const);
  return { code, description: text(found, 2) ?? '', helpUrl: text(found, 3), status, requestDetails };
}
