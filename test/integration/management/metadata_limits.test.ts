import { describe, expect, it } from '@jest/globals';
import type { User } from '../../../src/domain/types.js';
import { useManagementHarness } from './harness.js';

// What a metadata patch may not do, on a user, a client and a connection: name `__proto__` (zod
// copies a record without it, so it would arrive as a patch of no keys, which means "remove
// everything"), or grow a user's metadata past 16 KB of JSON a patch at a time.

let admin: string;
const harness = useManagementHarness('management-metadata-limits', async (started) => {
  admin = await started.tokenWith(['read:users', 'update:users', 'read:clients', 'create:clients', 'update:clients', 'read:connections', 'update:connections']);
});

const userPath = (userId: string) => `/users/${encodeURIComponent(userId)}`;

async function userCalled(name: string): Promise<User> {
  const now = new Date().toISOString();
  const user: User = { tenant: harness.tenant.name, userId: `fitbit|${name}`, identities: [], loginsCount: 0, createdAt: now, updatedAt: now };
  await harness.store.users.create(user);
  return user;
}
// A body as a script's JSON would carry it: an own `__proto__` property, which an object literal cannot make.
const fromJson = (json: string): object => JSON.parse(json) as object;
const kilobyteOf = (prefix: string, count: number) => Object.fromEntries(Array.from({ length: count }, (_, index) => [`${prefix}${index}`, 'x'.repeat(1000)]));

describe('a metadata key named __proto__', () => {
  it.each(['app_metadata', 'user_metadata'])('is a 400 on a user’s %s, and what is stored stays', async (field) => {
    const user = await userCalled(`proto-${field}`);
    await harness.call('patch', userPath(user.userId), admin, { [field]: { plan: 'full' } }).expect(200);

    const refused = await harness.call('patch', userPath(user.userId), admin, fromJson(`{"${field}":{"__proto__":{"isAdmin":true}}}`));
    expect(refused.status).toBe(400);
    expect(refused.body.message).toBe(`Payload validation error: 'Keys must not be __proto__' on property ${field}.`);

    const read = await harness.call('get', userPath(user.userId), admin).expect(200);
    expect(read.body[field]).toEqual({ plan: 'full' });
  });

  it('is a 400 on a client’s client_metadata, on POST and on PATCH, and what is stored stays', async () => {
    const created = await harness.call('post', '/clients', admin, { name: 'Proto', client_metadata: { team: 'ops' } }).expect(201);
    const path = `/clients/${encodeURIComponent(String(created.body.client_id))}`;

    const patched = await harness.call('patch', path, admin, fromJson('{"client_metadata":{"__proto__":"x"}}'));
    expect(patched.status).toBe(400);
    expect(patched.body.message).toBe("Payload validation error: 'Keys must not be __proto__' on property client_metadata.");
    expect((await harness.call('get', path, admin).expect(200)).body.client_metadata).toEqual({ team: 'ops' });

    const posted = await harness.call('post', '/clients', admin, fromJson('{"name":"Proto 2","client_metadata":{"__proto__":"x"}}'));
    expect(posted.status).toBe(400);
  });

  it('is a 400 on a connection’s metadata, which is kept as it was', async () => {
    const path = `/connections/${encodeURIComponent(harness.connection.id)}`;
    await harness.call('patch', path, admin, { metadata: { region: 'eu' } }).expect(200);

    const refused = await harness.call('patch', path, admin, fromJson('{"metadata":{"__proto__":"x","team":"ops"}}'));
    expect(refused.status).toBe(400);
    expect(refused.body.message).toBe("Payload validation error: 'Keys must not be __proto__' on property metadata.");
    expect((await harness.call('get', path, admin).expect(200)).body.metadata).toEqual({ region: 'eu' });
  });
});

describe('the size of a user’s metadata', () => {
  it('is held to 16 KB of JSON once a patch is merged with what is stored, and a patch that trims it is taken', async () => {
    const user = await userCalled('grower');
    await harness.call('patch', userPath(user.userId), admin, { app_metadata: kilobyteOf('a', 15) }).expect(200);

    const refused = await harness.call('patch', userPath(user.userId), admin, { app_metadata: kilobyteOf('b', 2) });
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({
      errorCode: 'invalid_body',
      message: "Payload validation error: 'Must be at most 16 KB of JSON (17 KB once merged with what is stored)' on property app_metadata.",
    });
    const stored = await harness.store.users.get(harness.tenant.name, user.userId);
    expect(Object.keys(stored!.appMetadata!)).toHaveLength(15);

    const trimmed = await harness.call('patch', userPath(user.userId), admin, { app_metadata: { a0: null, a1: null, b0: 'x'.repeat(1000) } });
    expect(trimmed.status).toBe(200);
    expect(Object.keys(trimmed.body.app_metadata)).toHaveLength(14);
  });

  it('still takes a patch that leaves an object stored above the limit no larger', async () => {
    const user = await userCalled('oversized');
    // Stored before the merge was checked: only a store write can make it now.
    const big = kilobyteOf('k', 20);
    await harness.store.users.update({ ...user, appMetadata: big });

    const shrunk = await harness.call('patch', userPath(user.userId), admin, { app_metadata: { k0: null } });
    expect(shrunk.status).toBe(200);
    expect(Object.keys(shrunk.body.app_metadata)).toHaveLength(19);
    const grown = await harness.call('patch', userPath(user.userId), admin, { app_metadata: { extra: 'y' } });
    expect(grown.status).toBe(400);
  });
});

describe('the size of a user’s metadata, in bytes', () => {
  const cjk = (count: number) => '漢'.repeat(count);

  it('counts UTF-8 bytes: 16,300 CJK characters (48.9 KB) are refused in each object, and nothing is stored', async () => {
    const user = await userCalled('cjk-patch');
    for (const field of ['app_metadata', 'user_metadata']) {
      const refused = await harness.call('patch', userPath(user.userId), admin, { [field]: { bio: cjk(16_300) } });
      expect(refused.status).toBe(400);
      expect(refused.body).toMatchObject({ errorCode: 'invalid_body', message: `Payload validation error: 'Must be at most 16 KB of JSON' on property ${field}.` });
    }
    const stored = await harness.store.users.get(harness.tenant.name, user.userId);
    expect(stored?.appMetadata).toBeUndefined();
    expect(stored?.userMetadata).toBeUndefined();
  });

  it('takes 5,000 CJK characters (15 KB), and refuses the patch that merges past 16 KB of bytes', async () => {
    const user = await userCalled('cjk-merge');
    await harness.call('patch', userPath(user.userId), admin, { user_metadata: { bio: cjk(5_000) } }).expect(200);

    const refused = await harness.call('patch', userPath(user.userId), admin, { user_metadata: { motto: cjk(1_000) } });
    expect(refused.status).toBe(400);
    expect(refused.body.message).toBe("Payload validation error: 'Must be at most 16 KB of JSON (18 KB once merged with what is stored)' on property user_metadata.");
    expect((await harness.store.users.get(harness.tenant.name, user.userId))?.userMetadata).toEqual({ bio: cjk(5_000) });
  });
});

describe('the depth of a user’s metadata', () => {
  /** A metadata object `depth` levels deep, itself the first: {"x":[[...]]}, as raw JSON. */
  const nestedBody = (field: string, depth: number) => `{"${field}":{"x":${'['.repeat(depth - 1)}${']'.repeat(depth - 1)}}}`;
  const patchRaw = (userId: string, body: string) => harness.call('patch', userPath(userId), admin).set('content-type', 'application/json').send(body);

  it('takes metadata nested 32 levels deep, and reads it back', async () => {
    const user = await userCalled('deep-32');
    const answer = await patchRaw(user.userId, nestedBody('user_metadata', 32));
    expect(answer.status).toBe(200);
    expect(JSON.stringify(answer.body.user_metadata)).toBe(`{"x":${'['.repeat(31)}${']'.repeat(31)}}`);
    const read = await harness.call('get', userPath(user.userId), admin).expect(200);
    expect(read.body.user_metadata).toEqual(answer.body.user_metadata);
  });

  it.each([
    ['app_metadata', 33],
    ['user_metadata', 1_500],
    // Deeper than JSON.stringify can go, within the 100 kB body limit.
    ['app_metadata', 40_000],
  ])('refuses %s nested %i levels deep with a 400 naming the limit, and stores nothing', async (field, depth) => {
    const user = await userCalled(`deep-${field}-${depth}`);
    const refused = await patchRaw(user.userId, nestedBody(field, depth));
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({ errorCode: 'invalid_body', message: `Payload validation error: 'Must be nested at most 32 levels deep' on property ${field}.` });
    const stored = await harness.store.users.get(harness.tenant.name, user.userId);
    expect(stored?.appMetadata).toBeUndefined();
    expect(stored?.userMetadata).toBeUndefined();
  });
});
