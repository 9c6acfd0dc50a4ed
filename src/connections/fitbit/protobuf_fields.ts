/**
 * The part of the protocol buffer wire format (https://protobuf.dev/programming-guides/encoding/)
 * that reading Google's authError needs: a message as its fields, numbered, without a schema.
 * Varints and length-delimited values (strings, nested messages) are kept; 64- and 32-bit values
 * are skipped; groups, long-deprecated, make the bytes no message. A library would bring a schema
 * compiler for the three fields read here. The emulator writes and reads the same format
 * (src/emulator/authorize/auth_error_wire.ts); plugins import nothing of the host, nor the host of
 * them, so each keeps its own. It never throws: bytes that are no well-formed message
 * (a value running past the end, an unknown wire type) are undefined.
 */
export type ProtobufField =
  | { readonly number: number; readonly varint: number }
  | { readonly number: number; readonly bytes: Uint8Array };

const VARINT = 0;
const FIXED64 = 1;
const LENGTH_DELIMITED = 2;
const FIXED32 = 5;
const MAX_VARINT_BYTES = 10;

export function readProtobufFields(bytes: Uint8Array): ProtobufField[] | undefined {
  const fields: ProtobufField[] = [];
  let at = 0;
  // Arithmetic rather than bit operations, which would wrap past 31 bits; a value past 2^53 loses
  // precision, which no field read here can reach.
  const readVarint = (): number | undefined => {
    let value = 0;
    for (let i = 0, scale = 1; i < MAX_VARINT_BYTES && at < bytes.length; i++, scale *= 0x80) {
      const byte = bytes[at++]!;
      value += (byte & 0x7f) * scale;
      if (byte < 0x80) return value;
    }
    return undefined;
  };
  const skip = (length: number): boolean => {
    at += length;
    return at <= bytes.length;
  };

  while (at < bytes.length) {
    const key = readVarint();
    if (key === undefined) return undefined;
    const number = Math.floor(key / 8);
    const wireType = key % 8;
    if (number === 0) return undefined;
    if (wireType === VARINT) {
      const varint = readVarint();
      if (varint === undefined) return undefined;
      fields.push({ number, varint });
    } else if (wireType === LENGTH_DELIMITED) {
      const length = readVarint();
      if (length === undefined || at + length > bytes.length) return undefined;
      fields.push({ number, bytes: bytes.subarray(at, at + length) });
      at += length;
    } else if (wireType === FIXED64 || wireType === FIXED32) {
      if (!skip(wireType === FIXED64 ? 8 : 4)) return undefined;
    } else {
      return undefined;
    }
  }
  return fields;
}
