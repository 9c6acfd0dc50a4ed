import { describe, expect, it } from '@jest/globals';
import { decodeProtectedHeader } from 'jose';
import { useJwtBearerApi } from '../support/compat/use_jwt_bearer_api.js';

// express-oauth2-jwt-bearer with its defaults (discovery, the JWKS, iss, aud, exp, alg) takes the
// access token a machine-to-machine application gets from fitgate with client_credentials, for the
// one API audience fitgate issues JWTs for: its Management API's.
describe('express-oauth2-jwt-bearer with its defaults: a client_credentials token', () => {
  const setup = useJwtBearerApi({ granted: ['read:users', 'read:clients'], requiredScope: 'read:users' });

  it('is accepted, and the API reads the claims an Auth0 machine-to-machine token carries', async () => {
    const token = await setup.clientCredentials();

    const answer = await setup.call('/tenant-api/private', token);

    expect(answer).toMatchObject({ status: 200, challenge: null });
    const { clientId } = setup.machine;
    expect(answer.body.payload).toEqual(
      expect.objectContaining({
        iss: `${setup.fitgate.publicUrl}/`,
        sub: `${clientId}@clients`,
        aud: setup.audience,
        azp: clientId,
        gty: 'client-credentials',
        scope: 'read:users read:clients',
        iat: expect.any(Number),
        exp: expect.any(Number),
      }),
    );
    expect(answer.body.header).toEqual({ alg: 'RS256', typ: 'at+jwt', kid: decodeProtectedHeader(token).kid });
  });

  it("passes claimIncludes('gty', 'client-credentials'), the check an API uses to tell machines from users", async () => {
    const answer = await setup.call('/tenant-api/machines-only', await setup.clientCredentials());

    expect(answer.status).toBe(200);
  });
});
