import { describe, expect, it } from '@jest/globals';
import type { FitbitApi } from '../../../../src/connections/fitbit/api.js';
import { checkTokenResponse } from '../../../../src/connections/fitbit/token_response.js';
import type { JsonObject } from '../../../../src/connections/oauth2/json.js';
import type { TokenOperation } from '../../../../src/connections/oauth2/operation.js';
import { parseTokenResponse } from '../../../../src/connections/oauth2/token_response.js';
import { fixtureJson } from './fixtures.js';

/** An answer as a grant reaches the plugin: parsed once by the shared client, then checked for the mode. */
const checked = (api: FitbitApi, operation: TokenOperation, json: JsonObject) => checkTokenResponse(api, operation, parseTokenResponse(operation, json));

describe('checkTokenResponse', () => {
  it("reads Fitbit's answer, user_id included", () => {
    expect(checked('fitbit-legacy', 'token', fixtureJson('fitbit/token_response.json'))).toMatchObject({
      accessToken: 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJHR05KTDkifQ.c2lnbmF0dXJl',
      refreshToken: 'c643a63c072f0f05478e9d18b991db80ef6061e4f8e6c822d83fed53e5fafdd7',
      expiresIn: 28_800,
      scope: 'activity heartrate sleep',
      userId: 'GGNJL9',
      idToken: undefined,
    });
  });

  it("reads Google's answer, id_token included", () => {
    expect(checked('google-health', 'token', fixtureJson('google/token_response.json'))).toMatchObject({
      expiresIn: 3599,
      idToken: 'eyJhbGciOiJSUzI1NiJ9.e30.c2ln',
      userId: undefined,
    });
  });

  it("requires Fitbit's user_id at sign-in, the only identity a user without profile has", () => {
    expect(() => checked('fitbit-legacy', 'token', { ...fixtureJson('fitbit/token_response.json'), user_id: undefined })).toThrow(/user_id/);
  });

  it("requires Google's id_token at sign-in", () => {
    expect(() => checked('google-health', 'token', { ...fixtureJson('google/token_response.json'), id_token: undefined })).toThrow(/id_token/);
  });

  it('requires the rotated refresh token on a legacy refresh, and not on a Google one', () => {
    expect(() => checked('fitbit-legacy', 'refresh', { ...fixtureJson('fitbit/token_response.json'), refresh_token: undefined })).toThrow(
      /rotated refresh_token/,
    );
    const google = { ...fixtureJson('google/token_response.json'), refresh_token: undefined, id_token: undefined };
    expect(checked('google-health', 'refresh', google).refreshToken).toBeUndefined();
  });
});
