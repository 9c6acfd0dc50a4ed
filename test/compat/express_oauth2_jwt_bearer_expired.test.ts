import { describe, expect, it, jest } from '@jest/globals';
import { decodeJwt } from 'jose';
import { useJwtBearerApi } from '../support/compat/use_jwt_bearer_api.js';

const TWO_HOURS_MS = 2 * 60 * 60 * 1000;

// express-oauth2-jwt-bearer with its defaults refuses a fitgate token past its exp (beyond its
// 5-second clock tolerance): the token below is one fitgate issued with its clock two hours back,
// so it expired an hour ago (a Management API token lives an hour).
describe('express-oauth2-jwt-bearer with its defaults: an expired token', () => {
  const setup = useJwtBearerApi({ granted: ['read:users'], requiredScope: 'read:users' });

  const issuedTwoHoursAgo = async (): Promise<string> => {
    const twoHoursAgo = Date.now() - TWO_HOURS_MS;
    const clock = jest.spyOn(Date, 'now').mockReturnValue(twoHoursAgo);
    try {
      return await setup.clientCredentials();
    } finally {
      clock.mockRestore();
    }
  };

  it('is refused with 401 invalid_token for its exp, where a fresh one is taken', async () => {
    const expired = await issuedTwoHoursAgo();
    expect(decodeJwt(expired).exp).toBeLessThan(Date.now() / 1000 - 60);

    const answer = await setup.call('/tenant-api/private', expired);

    expect(answer.status).toBe(401);
    expect(answer.body).toMatchObject({ code: 'invalid_token', error: '"exp" claim timestamp check failed' });
    expect(answer.challenge).toMatch(/^Bearer realm="api", error="invalid_token"/);
    expect((await setup.call('/tenant-api/private', await setup.clientCredentials())).status).toBe(200);
  });
});
