import { describe, expect, it } from '@jest/globals';
import { decodeGoogleAuthError } from '../../../../src/connections/fitbit/google_auth_error.js';
import { recordedAuthError } from '../../../support/recorded_auth_errors.js';

const base64url = (bytes: number[]) => Buffer.from(bytes).toString('base64url');

describe('decoding the authError of Google\'s error page', () => {
  it('reads an unknown client from the value Google sent', () => {
    expect(decodeGoogleAuthError(recordedAuthError('invalid_client').authError)).toEqual({
      code: 'invalid_client',
      description: 'The OAuth client was not found.',
      status: 401,
    });
  });

  it('reads the code, description, status and the developer\'s description of a refusal with every field', () => {
    expect(decodeGoogleAuthError(recordedAuthError('invalid_request').authError)).toEqual({
      code: 'invalid_request',
      description: expect.stringMatching(/^您无法登录此应用.*验证规则。$/s),
      status: 400,
      developerDescription: expect.stringMatching(/^The out-of-band \(OOB\) flow has been blocked .* alternative method\.$/),
    });
  });

  it('reads the value with or without its padding', () => {
    const value = recordedAuthError('invalid_client').authError;
    expect(decodeGoogleAuthError(value.replace(/=+$/, ''))).toEqual(decodeGoogleAuthError(value));
  });

  it('reads nothing from a value cut short, wherever it is cut', () => {
    const value = recordedAuthError('invalid_request').authError;
    // Every cut inside the description, the request details or the developer's message.
    for (const length of [4, 30, 120, 400, 700, value.length - 8]) {
      expect([length, decodeGoogleAuthError(value.slice(0, length))]).toEqual([length, undefined]);
    }
  });

  it.each([
    ['an empty value', ''],
    ['text that is no base64url', 'not base64!'],
    ['base64 of plain text', Buffer.from('nothing').toString('base64url')],
    ['a message without field 1', base64url([0x20, 0x90, 0x03])],
    ['a code that is a number', base64url([0x08, 0x01])],
    ['a code that is not an OAuth error code', base64url([0x0a, 0x03, 0x41, 0x20, 0x42])],
    ['a code that is not UTF-8', base64url([0x0a, 0x02, 0xc3, 0x28])],
    ['a length past the end', base64url([0x0a, 0x7f, 0x61])],
    ['a varint that never ends', base64url([0x0a, 0x02, 0x61, 0x61, 0x20, ...Array(12).fill(0xff)])],
    ['a group (a wire type this format never has)', base64url([0x0b, 0x0c])],
  ])('reads nothing from %s', (_what, value) => {
    expect(decodeGoogleAuthError(value)).toBeUndefined();
  });

  it('never throws on random bytes', () => {
    for (let seed = 1; seed < 500; seed++) {
      const bytes = Array.from({ length: seed % 40 }, (_, i) => (seed * 7919 + i * 104729) % 256);
      expect(() => decodeGoogleAuthError(base64url(bytes))).not.toThrow();
    }
  });

  it('keeps the code when the status is none an HTTP answer could have, and skips fields it does not read', () => {
    // Field 4 = 7; a fixed32 (field 9) and a fixed64 (field 10) in between.
    const value = base64url([0x0a, 0x01, 0x78, 0x4d, 1, 2, 3, 4, 0x51, 1, 2, 3, 4, 5, 6, 7, 8, 0x20, 0x07]);
    expect(decodeGoogleAuthError(value)).toEqual({ code: 'x' });
  });
});
