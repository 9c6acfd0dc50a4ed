import { afterAll, afterEach, beforeAll, expect, it } from '@jest/globals';
import { startTestEmulator, type TestEmulator } from '../../support/emulator.js';
import { overtakeEveryUserWrite } from '../../support/overtaken_user_writes.js';
import { startManagementHarness, type ManagementHarness } from './harness.js';

// A write to a user that keeps losing its race to other writes gives up after its bounded retries
// with a 503 the caller can retry, never a 500, and writes nothing of its own.

let emulator: TestEmulator;
let harness: ManagementHarness;
let restore: (() => void) | undefined;

beforeAll(async () => {
  emulator = await startTestEmulator();
  harness = await startManagementHarness('busy-user', { emulator, api: 'google-health' });
});

afterEach(() => {
  restore?.();
  restore = undefined;
});

afterAll(async () => {
  await harness?.cleanup();
  await emulator?.close();
});

const userPath = (userId: string) => `/users/${encodeURIComponent(userId)}`;

it('answers PATCH /api/v2/users/:id with 503 temporarily_unavailable and Retry-After, changing nothing', async () => {
  const user = await harness.seedUser('alice');
  const token = await harness.tokenWith(['update:users']);
  restore = overtakeEveryUserWrite(harness.store);

  const response = await harness.call('patch', userPath(user.userId), token, { app_metadata: { plan: 'gold' } });

  expect(response.status).toBe(503);
  expect(response.headers['retry-after']).toBe('1');
  expect(response.body).toMatchObject({ statusCode: 503, error: 'Service Unavailable', errorCode: 'temporarily_unavailable' });
  expect((await harness.store.users.get(user.tenant, user.userId))?.appMetadata).toBeUndefined();
});

it('answers a token read whose refreshed tokens cannot be stored with 503 temporarily_unavailable', async () => {
  const user = await harness.seedUser('bob', { expiresInSeconds: 60 });
  const token = await harness.tokenWith(['read:user_idp_tokens']);
  restore = overtakeEveryUserWrite(harness.store);

  const response = await harness.call('get', userPath(user.userId), token);

  expect(response.status).toBe(503);
  expect(response.body).toMatchObject({ statusCode: 503, errorCode: 'temporarily_unavailable' });
  expect(JSON.stringify(response.body)).not.toMatch(/access_token/);
});
