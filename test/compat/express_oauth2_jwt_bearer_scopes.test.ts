import { describe, expect, it } from '@jest/globals';
import { useJwtBearerApi } from '../support/compat/use_jwt_bearer_api.js';

// express-oauth2-jwt-bearer's requiredScopes() reads the scopes fitgate grants from the token's
// space-separated `scope` claim, as it reads Auth0's: a route asking for a granted scope takes the
// token, one asking for a scope the token lacks answers 403 insufficient_scope.
describe('express-oauth2-jwt-bearer requiredScopes() on fitgate tokens', () => {
  const setup = useJwtBearerApi({ granted: ['read:users', 'read:clients'], requiredScope: 'read:users' });

  it('lets a token carrying the scope through', async () => {
    const answer = await setup.call('/tenant-api/scoped', await setup.clientCredentials());

    expect(answer.status).toBe(200);
    expect(answer.body.payload.scope.split(' ')).toContain('read:users');
  });

  it('refuses a token narrowed at /oauth/token to the other scope, naming the scope it lacks', async () => {
    const narrowed = await setup.clientCredentials('read:clients');

    const answer = await setup.call('/tenant-api/scoped', narrowed);

    expect(answer.status).toBe(403);
    expect(answer.body.code).toBe('insufficient_scope');
    expect(answer.challenge).toMatch(/error="insufficient_scope".*scope="read:users"/);
    // The same token is valid: only the scope check refused it.
    expect((await setup.call('/tenant-api/private', narrowed)).status).toBe(200);
  });
});
