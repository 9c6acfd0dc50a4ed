import { describe, expect, it } from '@jest/globals';
import { parseTokenResponse } from '../../../../src/connections/fitbit/token_response.js';
import { fixtureJson } from './fixtures.js';

describe('parseTokenResponse', () => {
  it("reads Fitbit's answer, user_id included", () => {
    expect(parseTokenResponse('fitbit-legacy', 'token', fixtureJson('fitbit/token_response.json'))).toMatchObject({
      accessToken: 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJHR05KTDkifQ.c2lnbmF0dXJl',
      refreshToken: 'c643a63c072f0f05478e9d18b991db80ef6061e4f8e6c822d83fed53e5fafdd7',
      expiresIn: 28_800,
      scope: 'activity heartrate sleep',
      userId: 'GGNJL9',
      idToken: undefined,
    });
  });

  it("reads Google's answer, id_token included", () => {
    expect(parseTokenResponse('google-health', 'token', fixtureJson('google/token_response.json'))).toMatchObject({
      expiresIn: 3599,
      idToken: 'eyJhbGciOiJSUzI1NiJ9.e30.c2ln',
      userId: undefined,
    });
  });

  it("requires Fitbit's user_id at sign-in, the only identity a user without profile has", () => {
    expect(() => parseTokenResponse('fitbit-legacy', 'token', { ...fixtureJson('fitbit/token_response.json'), user_id: undefined })).toThrow(/user_id/);
  });

  it("requires Google's id_token at sign-in", () => {
    expect(() => parseTokenResponse('google-health', 'token', { ...fixtureJson('google/token_response.json'), id_token: undefined })).toThrow(/id_token/);
  });

  it('requires the rotated refresh token on a legacy refresh, and not on a Google one', () => {
    expect(() => parseTokenResponse('fitbit-legacy', 'refresh', { ...fixtureJson('fitbit/token_response.json'), refresh_token: undefined })).toThrow(
      /rotated refresh_token/,
    );
    const google = { ...fixtureJson('google/token_response.json'), refresh_token: undefined, id_token: undefined };
    expect(parseTokenResponse('google-health', 'refresh', google).refreshToken).toBeUndefined();
  });
});
