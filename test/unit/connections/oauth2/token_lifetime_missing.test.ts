import { describe, expect, it } from '@jest/globals';
import { UpstreamBadResponseError } from '../../../../src/connections/oauth2/errors/bad_response_error.js';
import { parseTokenResponse } from '../../../../src/connections/oauth2/token_response.js';

const WITHOUT_EXPIRES_IN = { access_token: 'at', token_type: 'Bearer', refresh_token: 'rt', expires_at: 1_900_000_000 };

/**
 * An answer without expires_in whose lifetime the plugin declares no way to know: refused as an
 * answer fitgate cannot use, since nothing could say when to refresh the token.
 */
describe('an answer without expires_in and nothing declared', () => {
  it('is refused as a bad_response of the call, naming what is missing', () => {
    for (const operation of ['token', 'refresh'] as const) {
      let refusal: unknown;
      try {
        parseTokenResponse(operation, WITHOUT_EXPIRES_IN);
      } catch (error) {
        refusal = error;
      }
      expect(refusal).toBeInstanceOf(UpstreamBadResponseError);
      expect(refusal).toMatchObject({ kind: 'bad_response', operation, status: 200 });
      expect((refusal as Error).message).toMatch(/expires_in is missing and no default access token lifetime is declared \(RFC 6749 §5\.1\)$/);
    }
  });

  it('is refused when the way declared finds no expiry in this answer and no default is declared', () => {
    const lifetime = { accessTokenLifetimeFrom: () => undefined };
    expect(() => parseTokenResponse('token', WITHOUT_EXPIRES_IN, lifetime)).toThrow(
      /expires_in is missing, the answer states its expiry no other way the plugin reads, and no default access token lifetime is declared/,
    );
  });
});
