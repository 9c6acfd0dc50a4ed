import { describe, expect, it } from '@jest/globals';
import type { Connection, User } from '../../../src/domain/types.js';
import { useManagementHarness } from './harness.js';

let updater: string;
const harness = useManagementHarness('management-user-root-attributes', async (started) => {
  updater = await started.tokenWith(['update:users', 'read:users']);
});

let seeded = 0;

/** A user of the harness's fitbit connection with every root attribute fitgate stores. */
async function fullUser(): Promise<User> {
  seeded += 1;
  const now = new Date().toISOString();
  const user: User = {
    tenant: harness.tenant.name,
    userId: `fitbit|ROOT${seeded}`,
    email: `root${seeded}@example.com`,
    emailVerified: true,
    name: 'Ada Lovelace',
    nickname: 'ada',
    givenName: 'Ada',
    familyName: 'Lovelace',
    picture: 'https://pics.example/ada.png',
    appMetadata: { plan: 'full' },
    userMetadata: { theme: 'dark' },
    identities: [{ provider: 'fitbit', connection: 'fitbit', userId: `ROOT${seeded}`, isSocial: true, api: 'google-health', grantedScopes: [], status: 'connected' }],
    loginsCount: 1,
    createdAt: now,
    updatedAt: now,
  };
  await harness.store.users.create(user);
  return user;
}

const path = (user: User) => `/users/${encodeURIComponent(user.userId)}`;
const stored = async (user: User) => harness.store.users.get(user.tenant, user.userId);

describe('PATCH /api/v2/users/{id}: null removes a root attribute, as at Auth0', () => {
  it.each([
    ['given_name', 'givenName'],
    ['family_name', 'familyName'],
    ['name', 'name'],
    ['nickname', 'nickname'],
    ['picture', 'picture'],
  ] as const)('removes %s with null and keeps every other attribute', async (field, key) => {
    const user = await fullUser();

    const patched = await harness.call('patch', path(user), updater, { [field]: null });

    expect(patched.status).toBe(200);
    expect(patched.body).not.toHaveProperty(field);
    expect(patched.body).toMatchObject({ email: user.email, email_verified: true, app_metadata: { plan: 'full' }, user_metadata: { theme: 'dark' } });
    const after = await stored(user);
    expect(after).not.toHaveProperty(key);
    expect(after).toMatchObject({ email: user.email, appMetadata: { plan: 'full' }, userMetadata: { theme: 'dark' } });
  });

  it('removes the email together with email_verified, and the user is no longer found by it', async () => {
    const user = await fullUser();

    const patched = await harness.call('patch', path(user), updater, { email: null });

    expect(patched.status).toBe(200);
    expect(patched.body).not.toHaveProperty('email');
    expect(patched.body).not.toHaveProperty('email_verified');
    expect(patched.body).toMatchObject({ name: 'Ada Lovelace' });
    const found = await harness.call('get', `/users-by-email?email=${encodeURIComponent(user.email!)}`, updater).expect(200);
    expect(found.body).toEqual([]);
  });

  it('refuses email_verified beside "email": null, naming email_verified', async () => {
    const user = await fullUser();
    const refused = await harness.call('patch', path(user), updater, { email: null, email_verified: true }).expect(400);
    expect(refused.body.message).toMatch(/on property email_verified\.$/);
    expect(await stored(user)).toMatchObject({ email: user.email, emailVerified: true });
  });

  it('sets and removes attributes in one PATCH', async () => {
    const user = await fullUser();
    const patched = await harness.call('patch', path(user), updater, { name: 'Countess', given_name: null, family_name: null }).expect(200);
    expect(patched.body).toMatchObject({ name: 'Countess', nickname: 'ada' });
    expect(patched.body).not.toHaveProperty('given_name');
    expect(patched.body).not.toHaveProperty('family_name');
  });

  it('still refuses an empty string (a value, not a removal) and null where Auth0 takes none', async () => {
    const user = await fullUser();
    for (const [body, property] of [
      [{ name: '' }, 'name'],
      [{ blocked: null }, 'blocked'],
      [{ email_verified: null }, 'email_verified'],
      [{ app_metadata: null }, 'app_metadata'],
    ] as const) {
      const refused = await harness.call('patch', path(user), updater, body);
      expect({ property, status: refused.status }).toEqual({ property, status: 400 });
      expect(refused.body.message).toMatch(new RegExp(`on property ${property}\\.$`));
    }
    expect(await stored(user)).toMatchObject({ name: 'Ada Lovelace', emailVerified: true, appMetadata: { plan: 'full' } });
  });

  it('keeps merging metadata and blocking beside the new fields', async () => {
    const user = await fullUser();
    const patched = await harness
      .call('patch', path(user), updater, { nickname: null, app_metadata: { tier: 'gold' }, user_metadata: { theme: null }, blocked: true })
      .expect(200);
    expect(patched.body).toMatchObject({ app_metadata: { plan: 'full', tier: 'gold' }, blocked: true });
    expect(patched.body).not.toHaveProperty('user_metadata');
    expect(await stored(user)).toMatchObject({ blocked: true, appMetadata: { plan: 'full', tier: 'gold' } });
  });
});

describe('PATCH /api/v2/users/{id}: the rest of Auth0’s body', () => {
  it('accepts connection when it names the user’s own connection, and applies the update', async () => {
    const user = await fullUser();
    const patched = await harness.call('patch', path(user), updater, { connection: 'fitbit', given_name: 'Augusta' }).expect(200);
    expect(patched.body).toMatchObject({ given_name: 'Augusta' });
    expect(patched.body).not.toHaveProperty('connection');
  });

  it('refuses a connection the tenant does not have in Auth0’s words, and changes nothing', async () => {
    const user = await fullUser();
    const refused = await harness.call('patch', path(user), updater, { connection: 'google-oauth2', name: 'Other' }).expect(400);
    expect(refused.body).toEqual({ statusCode: 400, error: 'Bad Request', message: 'The connection does not exist.', errorCode: 'inexistent_connection' });
    expect((await stored(user))?.name).toBe('Ada Lovelace');
  });

  it('refuses a connection of the tenant the user has no identity in, naming the property', async () => {
    const user = await fullUser();
    const now = new Date().toISOString();
    const other: Connection = { ...harness.connection, id: 'con_otherfitbit', name: 'fitbit-staff', enabledClients: [], createdAt: now, updatedAt: now };
    await harness.store.connections.create(other);
    const refused = await harness.call('patch', path(user), updater, { connection: 'fitbit-staff', name: 'Other' }).expect(400);
    expect(refused.body).toMatchObject({ errorCode: 'invalid_body', message: expect.stringMatching(/no identity in connection fitbit-staff' on property connection\.$/) });
    expect((await stored(user))?.name).toBe('Ada Lovelace');
  });

  it('answers 404 for an unknown user before looking at its connection', async () => {
    const response = await harness.call('patch', '/users/fitbit%7CNOBODY', updater, { connection: 'fitbit' });
    expect(response.status).toBe(404);
    expect(response.body.errorCode).toBe('inexistent_user');
  });

  it('accepts client_id and verify_email and ignores them: fitgate sends no email', async () => {
    const user = await fullUser();
    const patched = await harness
      .call('patch', path(user), updater, { email: 'new@example.com', email_verified: false, verify_email: true, client_id: 'any-client', connection: 'fitbit' })
      .expect(200);
    expect(patched.body).toMatchObject({ email: 'new@example.com', email_verified: false });
    expect(patched.body).not.toHaveProperty('verify_email');
    expect(patched.body).not.toHaveProperty('client_id');
  });

  it('still refuses what Auth0 has for other connections and fitgate does not keep', async () => {
    const user = await fullUser();
    for (const field of ['password', 'username', 'phone_number']) {
      const refused = await harness.call('patch', path(user), updater, { [field]: 'x' }).expect(400);
      expect(refused.body.message).toBe(`Payload validation error: 'Additional properties not allowed: ${field}'.`);
    }
  });
});
