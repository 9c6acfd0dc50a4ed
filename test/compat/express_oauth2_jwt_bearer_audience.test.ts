import { describe, expect, it } from '@jest/globals';
import { useJwtBearerApi } from '../support/compat/use_jwt_bearer_api.js';

// An API on express-oauth2-jwt-bearer's defaults takes only tokens naming its own audience: a
// fitgate token valid for another API (the tenant's Management API) is refused by the API whose
// audience is an application's own (ORDERS_AUDIENCE), as a token from an Auth0 tenant for another of its APIs would be.
describe('express-oauth2-jwt-bearer with its defaults: a token for another audience', () => {
  const setup = useJwtBearerApi({ granted: ['read:users'], requiredScope: 'read:users' });

  it('is refused with 401 invalid_token for its aud, though the API of its own audience takes it', async () => {
    const token = await setup.clientCredentials();

    const answer = await setup.call('/orders/private', token);

    expect(answer.status).toBe(401);
    expect(answer.body).toMatchObject({ code: 'invalid_token', error: "Unexpected 'aud' value" });
    expect(answer.challenge).toMatch(/^Bearer realm="api", error="invalid_token"/);
    expect((await setup.call('/tenant-api/private', token)).status).toBe(200);
  });
});
