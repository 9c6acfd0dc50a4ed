import { describe, expect, it } from '@jest/globals';
import { DEMO, denyUrl } from '../../../support/emulator.js';
import { configureFitbit, followUpstream, pressTryToFailure, runTry, useTrySetup } from '../try_helpers.js';

/**
 * A failed TRY leaves a failed login (`f`) in the logs, marked "try" and naming TRY's kind of failure,
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
      details: { try: true, api: 'google-health', error: 'access_denied', source: 'upstream', upstream_kind: 'access_denied', try_failure: 'access_denied' },
      // Where the admin's browser came from, as a user's failed login records it.
      hostname: 'localhost',
      ip: expect.any(String),
    });
  });

  it('records a TRY the upstream refused before anyone signed in (an unknown Client ID) with the code its page quotes as the upstream’s kind', async () => {
    await configureFitbit(setup.harness(), { api: 'google-health', clientId: 'nobody.apps.googleusercontent.com', clientSecret: 'some-secret-never-tried' });
    const page = await pressTryToFailure(setup.agent());
    // The page quotes the upstream's invalid_client; the log names it as a login's event would
    // (upstream_kind), and what it meant here (try_failure).
    expect(page.text).toContain('invalid_client');
    expect((await failedTries()).at(0)).toMatchObject({
      type: 'f',
      description: 'Failed login (Try from the dashboard): unknown_client',
      details: { try: true, error: 'server_error', source: 'upstream', upstream_kind: 'invalid_client', try_failure: 'unknown_client' },
    });
  });

  it('does not tick "Try the connection" on the getting-started checklist', async () => {
    const { text } = await setup.agent().get('/manage/t/default').expect(200);
    expect(text).toMatch(/<form method="post" action="[^"]*\/social\/fitbit\/try" class="button-form">.*<button type="submit" class="link-button">Try the connection<\/button>/);
  });
});
