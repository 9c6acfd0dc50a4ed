import { expect, it } from '@jest/globals';
import { describeEachStore } from '../../../support/stores.js';
import { CALLBACK, useBackChannel, type BackChannel } from '../../../support/authn/back_channel_fixture.js';
import { createAppByManagementApi, type CreatedApp } from '../../../support/authn/management_created_app.js';

/**
 * Auth0 gives a new regular web application non-rotating refresh tokens, which an SDK may send again:
 * nextjs-auth0 from a Server Component that cannot store a rotated token, or from two requests made
 * after the access token expired. Against fitgate both uses must succeed, as against Auth0.
 */
describeEachStore('a regular web application created with defaults keeps its refresh token', (harness) => {
  const backChannel = useBackChannel(harness);

  async function loggedIn(bc: BackChannel): Promise<{ app: CreatedApp; refreshToken: string }> {
    const app = await createAppByManagementApi(bc, { name: 'Next.js app', app_type: 'regular_web' });
    const user = await bc.addUser();
    const code = await bc.putCode({ clientId: app.clientId, userId: user.userId });
    const issued = await bc.token({ grant_type: 'authorization_code', code, redirect_uri: CALLBACK, ...app.clientParams }, app.authorization).expect(200);
    return { app, refreshToken: issued.body.refresh_token as string };
  }

  const refresh = (bc: BackChannel, app: CreatedApp, refreshToken: string) =>
    bc.token({ grant_type: 'refresh_token', refresh_token: refreshToken, ...app.clientParams }, app.authorization);

  it('is created non-rotating, as the Management API shows it', async () => {
    const { app } = await loggedIn(backChannel());
    expect(app.json.refresh_token).toMatchObject({ rotation_type: 'non-rotating', expiration_type: 'expiring', leeway: 0 });
  });

  it('stays non-rotating when created with a partial refresh_token, merged over its own defaults', async () => {
    const app = await createAppByManagementApi(backChannel(), { name: 'Leeway only', app_type: 'regular_web', refresh_token: { leeway: 5 } });
    expect(app.json.refresh_token).toMatchObject({ rotation_type: 'non-rotating', leeway: 5 });
  });

  it('honours the same refresh token twice in a row, issuing no new one', async () => {
    const bc = backChannel();
    const { app, refreshToken } = await loggedIn(bc);
    const first = await refresh(bc, app, refreshToken).expect(200);
    const second = await refresh(bc, app, refreshToken).expect(200);
    expect(first.body.refresh_token).toBeUndefined();
    expect(second.body.refresh_token).toBeUndefined();
    expect(second.body.access_token).not.toBe(first.body.access_token);
    await bc.openAccessToken(second.body.access_token as string);
  });

  it('honours the same refresh token sent by several requests at once, and still afterwards', async () => {
    const bc = backChannel();
    const { app, refreshToken } = await loggedIn(bc);
    const answers = await Promise.all([1, 2, 3].map(() => refresh(bc, app, refreshToken)));
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200]);
    for (const answer of answers) await bc.openAccessToken(answer.body.access_token as string);
    await refresh(bc, app, refreshToken).expect(200);
  });
});
