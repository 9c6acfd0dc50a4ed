import { describe, expect, it } from '@jest/globals';
import { DEMO, denyUrl } from '../../../support/emulator.js';
import { configureFitbit, followUpstream, pressTryToFailure, runTry, useTrySetup } from '../try_helpers.js';

/**
 * A failed TRY leaves a failed login (`f`) in the logs, marked "try" and naming the failure's kind,
 * where an admin looking for why a connection fails will look; it does not count as "tried".
 */
describe('failed TRYs in the logs', () => {
  const setup = useTrySetup();
  const failedTries = async () =>
    (await setup.harness().store.logs.list('default', { type: 'f', page: 0, perPage: 20 })).items.filter((event) => event.details?.try === true);

  it('records a TRY the user declined at the upstream', async () => {
    await configureFitbit(setup.harness(), { api: 'google-health', ...DEMO.googleServer });
    await runTry(setup.agent(), (url) => followUpstream(denyUrl(url, 'alice')));
    expect((await failedTries()).at(0)).toMatchObject({
      type: 'f',
      description: 'Failed login (Try from the dashboard): access_denied',
      connection: 'fitbit',
      details: { try: true, api: 'google-health', error: 'access_denied' },
      // Where the admin's browser came from, as a user's failed login records it.
      hostname: 'localhost',
      ip: expect.any(String),
    });
  });

  it('records a TRY the upstream refused before anyone signed in (an unknown Client ID) with the code its page quotes', async () => {
    await configureFitbit(setup.harness(), { api: 'google-health', clientId: 'nobody.apps.googleusercontent.com', clientSecret: 'some-secret-never-tried' });
    const page = await pressTryToFailure(setup.agent());
    // The page quotes the upstream's invalid_client; the log names the same code, and what it meant here.
    expect(page.text).toContain('invalid_client');
    expect((await failedTries()).at(0)).toMatchObject({
      type: 'f',
      description: 'Failed login (Try from the dashboard): invalid_client (unknown Client ID, refused at authorize)',
      details: { try: true, error: 'invalid_client' },
    });
  });

  it('does not tick "Try the connection" on the getting-started checklist', async () => {
    const { text } = await setup.agent().get('/manage/t/default').expect(200);
    expect(text).toMatch(/<form method="post" action="[^"]*\/social\/fitbit\/try" class="button-form">.*<button type="submit" class="link-button">Try the connection<\/button>/);
  });
});
