import { beforeAll, describe, expect, it } from '@jest/globals';
import { findUserGrant, consentGrantIdOf, withGrant } from '../../../../src/domain/user_grants.js';
import { updateUser } from '../../../../src/domain/user_updates.js';
import type { Store } from '../../../../src/store/store.js';
import { openCreateForm } from '../create_form.js';
import { signedInAgent, useSignedInDashboard, type Agent } from '../dashboard_harness.js';

const ALICE = 'fitbit|refusals-alice';
const BOB = 'fitbit|refusals-bob';
const PARTNER = 'partner-app-client-id';
const pageOf = (tenant: string, userId: string) => `/manage/t/${tenant}/users/${encodeURIComponent(userId)}`;
const actionOf = (tenant: string, userId: string, grantId: string) => `${pageOf(tenant, userId)}/grants/${encodeURIComponent(grantId)}/revoke`;

/** A user of `tenant` holding a grant to PARTNER: the grant's id. */
async function userWithGrant(store: Store, tenant: string, userId: string): Promise<string> {
  const now = new Date().toISOString();
  await store.users.create({ tenant, userId, name: userId, identities: [], loginsCount: 1, createdAt: now, updatedAt: now });
  const user = await updateUser(store.users, tenant, userId, (current) => withGrant(current, PARTNER, ['openid', 'profile'], new Date()));
  return consentGrantIdOf(user, PARTNER)!;
}

/**
 * A Revoke on a user's Authorized applications that must change nothing, each answered with a page
 * for a person (never a 500): a post without the dashboard's CSRF token; one without the confirmation
 * box ticked (the page again, with the error next to the box); a grant id that names another user, or
 * no grant fitgate made; another tenant's grant, through a tenant the admin manages (the same user id
 * there holds no such grant) or one the admin does not.
 */
describe('refused revocations of a user grant in the dashboard', () => {
  const dashboard = useSignedInDashboard();
  let store: Store;
  let aliceGrant: string;
  let bobGrant: string;
  let otherTenantGrant: string;

  beforeAll(async () => {
    store = dashboard.harness().store;
    aliceGrant = await userWithGrant(store, 'default', ALICE);
    bobGrant = await userWithGrant(store, 'default', BOB);
    await dashboard.harness().seedAdmin('someone-else@example.com', ['other']);
    otherTenantGrant = await userWithGrant(store, 'other', ALICE);
  });

  const holds = async (tenant: string, userId: string, grantId: string) => findUserGrant((await store.users.get(tenant, userId))!, grantId) !== undefined;
  const revokesLogged = async () => (await store.logs.list('default', { page: 0, perPage: 100, type: 'sapi' })).items.filter((event) => event.description === 'Delete a grant').length;

  it('refuses a post without the CSRF token, and keeps the grant', async () => {
    const agent = dashboard.agent();
    const { _form } = await openCreateForm(agent, pageOf('default', ALICE));
    const refused = await agent.post(actionOf('default', ALICE, aliceGrant)).type('form').send({ _form, confirm: 'on' });
    expect(refused.status).toBe(403);
    expect(refused.headers['content-type']).toMatch(/^text\/html/);
    expect(await holds('default', ALICE, aliceGrant)).toBe(true);
  });

  it('shows the page again with the error next to the box when it is not ticked, and keeps the grant', async () => {
    const agent = dashboard.agent();
    const fields = await openCreateForm(agent, pageOf('default', ALICE));
    const refused = await agent.post(actionOf('default', ALICE, aliceGrant)).type('form').send(fields);
    expect(refused.status).toBe(400);
    expect(refused.text).toContain(`<p class="field-error" id="revoke-${aliceGrant}-error">Tick the box to confirm that the application’s refresh tokens stop working now.</p>`);
    expect(refused.text).toContain(`aria-invalid="true" aria-describedby="revoke-${aliceGrant}-error"`);
    // The page keeps the token it was posted with: sending it again (ticked) acts once.
    expect(refused.text).toContain(`name="_form" value="${fields._form}"`);
    expect(await holds('default', ALICE, aliceGrant)).toBe(true);
  });

  it("answers 404 for another user's grant on this user's page and for an id fitgate never made, and keeps the grant", async () => {
    const agent = dashboard.agent();
    const fields = await openCreateForm(agent, pageOf('default', ALICE));
    for (const grantId of [bobGrant, 'not-a-grant', `${aliceGrant.split('.')[0]}.x`]) {
      const refused = await agent.post(actionOf('default', ALICE, grantId)).type('form').send({ ...fields, confirm: 'on' });
      expect([grantId, refused.status]).toEqual([grantId, 404]);
      expect(refused.text).toContain('This user has no such authorized application.');
    }
    expect(await holds('default', BOB, bobGrant)).toBe(true);
  });

  it("leaves another tenant's grant alone, through a tenant the admin manages (nothing held there) or one it does not (404)", async () => {
    const agent = dashboard.agent();
    const fields = await openCreateForm(agent, pageOf('default', ALICE));
    const here = await agent.post(actionOf('default', ALICE, otherTenantGrant)).type('form').send({ ...fields, confirm: 'on' });
    expect(here.status).toBe(303);
    expect(here.headers.location).toBe(`${pageOf('default', ALICE)}?grant_revoked=already#authorized-applications`);

    const there = await agent.post(actionOf('other', ALICE, otherTenantGrant)).type('form').send({ ...fields, confirm: 'on' });
    expect(there.status).toBe(404);
    expect(there.text).toContain('There is no such tenant among the ones you manage.');

    expect(await holds('other', ALICE, otherTenantGrant)).toBe(true);
    expect(await holds('default', ALICE, aliceGrant)).toBe(true);
    expect(await revokesLogged()).toBe(0);
  });

  it("lets the other tenant's own admin revoke that grant: what was refused above was there to revoke", async () => {
    const admin = { email: 'someone-else@example.com', password: 'password for someone-else@example.com', tenants: ['other'] };
    const other: Agent = await signedInAgent(dashboard.harness().app, admin);
    const fields = await openCreateForm(other, pageOf('other', ALICE));
    const done = await other.post(actionOf('other', ALICE, otherTenantGrant)).type('form').send({ ...fields, confirm: 'on' });
    expect(done.headers.location).toBe(`${pageOf('other', ALICE)}?grant_revoked=revoked#authorized-applications`);
    expect(await holds('other', ALICE, otherTenantGrant)).toBe(false);
  });
});
