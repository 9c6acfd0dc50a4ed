import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { createApp } from '../../../../src/app.js';
import { hashPassword } from '../../../../src/domain/passwords.js';
import { startFrontChannel, useEmulator, type FrontChannel } from '../../../support/authn/front_channel_fixture.js';
import { managementToken } from '../../../support/authn/management_token.js';
import { addThirdPartyApp } from '../../../support/authn/third_party_app.js';
import { grantsOf, loginAccepting, loginAsksConsent } from '../../../support/authn/user_grants_api.js';
import { describeEachStore } from '../../../support/stores.js';
import { openCreateForm } from '../create_form.js';
import { signedInAgent, type Agent } from '../dashboard_harness.js';

const emulator = useEmulator('alice');
const ALICE = 'fitbit|alice-4f1c2b7e';
const REFUSED_REFRESH = { error: 'invalid_grant', error_description: 'Unknown or invalid refresh token.' };

/**
 * A user's page lists the third-party applications the person allowed on the consent page (Auth0's
 * Authorized Applications tab): the application's name linking to its page (its client ID once it
 * is deleted), what it was allowed in the consent page's words, and when. Revoke is the change
 * DELETE /api/v2/grants/{id} makes: the grant leaves the API's list, the refresh tokens issued under
 * it are refused, the next login asks again; and it is logged as that call.
 */
describeEachStore("a user's Authorized applications in the dashboard", (harness) => {
  let fitgate: FrontChannel;
  let dashboard: Agent;
  let reader: string;
  let userPage: string;

  beforeAll(async () => {
    fitgate = await startFrontChannel({ store: harness.store(), upstream: { kind: 'emulator', emulator: emulator() } });
    reader = await managementToken(fitgate, ['read:grants']);
    const email = `owner-${randomBytes(3).toString('hex')}@example.com`;
    const password = 'a password for the dashboard';
    await fitgate.store.admins.create({ email, passwordHash: await hashPassword(password), tenants: [fitgate.tenant], createdAt: new Date().toISOString() });
    // The dashboard on the tenant's NAME.<base host>, served by the same deps (the same store).
    dashboard = await signedInAgent(createApp(fitgate.deps), { email, password, tenants: [fitgate.tenant] }, new URL(fitgate.tenantUrl).host);
    userPage = `/manage/t/${fitgate.tenant}/users/${encodeURIComponent(ALICE)}`;
  });
  afterAll(() => fitgate.close());

  /** The Authorized applications section of the user's page, as HTML. */
  async function section(path = userPage): Promise<string> {
    const { text } = await dashboard.get(path).expect(200);
    const match = /<section id="authorized-applications"[\s\S]*?<\/section>/.exec(text);
    if (!match) throw new Error('the user page has no Authorized applications section');
    return match[0];
  }

  const revokeAction = (grantId: string) => `${userPage}/grants/${encodeURIComponent(grantId)}/revoke`;

  it('says so when the user has authorized no application', async () => {
    // A first-party login: the user exists, with no grant.
    await fitgate.browser().follow(fitgate.authorizeUrl({ connection: 'fitbit' }), 'https://app.example/callback');
    const shown = await section();
    expect(shown).toContain('This user has authorized no third-party application.');
    expect(shown).not.toContain('<table');
  });

  it('lists a grant with its application linked by name, the scopes in the consent page’s words, when, and a Revoke form', async () => {
    const app = await addThirdPartyApp(fitgate, 'Partner Steps');
    await loginAccepting(fitgate, app);
    const [grant] = await grantsOf(fitgate, reader, ALICE, app.client.clientId);

    const shown = await section();
    expect(shown).toContain(`<a href="/manage/t/${fitgate.tenant}/applications/${encodeURIComponent(app.client.clientId)}">Partner Steps</a>`);
    for (const words of ['Know who you are (<code>openid</code>)', 'Your profile (<code>profile</code>)', 'Your email address (<code>email</code>)', 'Stay connected when you are away (<code>offline_access</code>)']) {
      expect(shown).toContain(words);
    }
    expect(shown).toMatch(/<td data-label="Allowed" class="nowrap"><time datetime="[^"]+"/);
    expect(shown).toContain(`<form method="post" action="${revokeAction(grant!.id)}">`);
    expect(shown).toContain('name="_form"');
    expect(shown).toContain('<input type="checkbox" name="confirm" required>');
  });

  it('shows the client ID of an application deleted since', async () => {
    const app = await addThirdPartyApp(fitgate, 'Gone Soon');
    await loginAccepting(fitgate, app);
    await fitgate.store.clients.delete(fitgate.tenant, app.client.clientId);

    const shown = await section();
    expect(shown).toContain(`<code>${app.client.clientId}</code> <span class="hint">(deleted application)</span>`);
    expect(shown).not.toContain('Gone Soon');
  });

  it('revokes as DELETE /api/v2/grants does: gone from the API, refresh tokens refused, the next login asks again, logged as that call', async () => {
    const app = await addThirdPartyApp(fitgate, 'Partner Sleep');
    const issued = await app.redeem(await loginAccepting(fitgate, app)).expect(200);
    const [grant] = await grantsOf(fitgate, reader, ALICE, app.client.clientId);
    expect(await loginAsksConsent(fitgate, app)).toBe(false);

    const fields = await openCreateForm(dashboard, userPage);
    const done = await dashboard.post(revokeAction(grant!.id)).type('form').send({ ...fields, confirm: 'on' });
    expect(done.status).toBe(303);
    expect(done.headers.location).toBe(`${userPage}?grant_revoked=revoked#authorized-applications`);

    const shown = await section(`${userPage}?grant_revoked=revoked`);
    expect(shown).toContain('Revoked: the application asks this user again at their next login');
    expect(shown).not.toContain('Partner Sleep');
    expect(await grantsOf(fitgate, reader, ALICE, app.client.clientId)).toEqual([]);
    const refused = await app.refresh(String(issued.body.refresh_token));
    expect([refused.status, refused.body]).toEqual([400, REFUSED_REFRESH]);
    expect(await loginAsksConsent(fitgate, app)).toBe(true);

    const { items } = await fitgate.store.logs.list(fitgate.tenant, { page: 0, perPage: 1, type: 'sapi' });
    expect(items[0]).toMatchObject({
      description: 'Delete a grant',
      details: expect.objectContaining({
        user_id: ALICE,
        request: expect.objectContaining({ method: 'DELETE', path: `/api/v2/grants/${encodeURIComponent(grant!.id)}`, channel: 'dashboard' }),
        response: { statusCode: 204 },
      }),
    });
  });
});
