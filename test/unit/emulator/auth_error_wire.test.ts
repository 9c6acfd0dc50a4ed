import { describe, expect, it } from '@jest/globals';
import { decodeAuthError, encodeAuthError } from '../../../src/emulator/authorize/auth_error_wire.js';
import { recordedAuthError } from '../../support/recorded_auth_errors.js';

/** The emulator writes Google's authError byte for byte as Google does, checked against values Google sent. */
describe('the authError the emulator writes', () => {
  it('is the very value Google sends for an unknown client', () => {
    const authError = encodeAuthError({ code: 'invalid_client', description: 'The OAuth client was not found.', status: 401, requestDetails: [] });
    expect(authError).toBe(recordedAuthError('invalid_client').authError);
  });

  it('lays out every field as Google does: help link, request details and the developer\'s part', () => {
    const recorded = recordedAuthError('invalid_request');
    const authError = encodeAuthError({
      code: 'invalid_request',
      description:
        '\n您无法登录此应用，因为它不符合 Google 为保障应用安全而制定的 OAuth 2.0 政策的规定。\n\n您可以通知应用开发者，让其了解该应用不符合一项或多项 Google 验证规则。\n  ',
      helpUrl: 'https://support.google.com/accounts/answer/12379384',
      status: 400,
      requestDetails: [['redirect_uri', 'urn:ietf:wg:oauth:2.0:oob']],
      developer: {
        description:
          'The out-of-band (OOB) flow has been blocked in order to keep users secure. Follow the Out-of-Band (OOB) flow migration guide linked in the developer docs below to migrate your app to an alternative method.',
        helpUrl: 'https://developers.google.com/identity/protocols/oauth2/resources/oob-migration',
      },
    });
    // The published copy lost its '=' padding (see the fixture's source).
    expect(authError).toBe(`${recorded.authError}=`);
  });

  it('is read back by the emulator\'s error page, request details included', () => {
    const error = { code: 'redirect_uri_mismatch', description: 'Register it.', helpUrl: 'https://example.test/help', status: 400, requestDetails: [['redirect_uri', 'http://x/cb']] as const };
    expect(decodeAuthError(encodeAuthError(error))).toEqual(error);
  });

  it('is nothing the error page can read when cut short or not an authError', () => {
    expect(decodeAuthError(recordedAuthError('invalid_request').authError.slice(0, 120))).toBeUndefined();
    expect(decodeAuthError('bm90aGluZw')).toBeUndefined();
    expect(decodeAuthError('')).toBeUndefined();
  });
});
