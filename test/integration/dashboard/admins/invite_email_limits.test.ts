import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { signedInAgent, startDashboardHarness, submitForm, type Agent, type DashboardHarness } from '../dashboard_harness.js';

/**
 * An invitation goes only to an address a mail server could deliver to: at most 64 characters
 * before the @ and 254 in all (RFC 5321), each refusal saying which limit and by how much.
 */
describe('the length of an invited email address', () => {
  let harness: DashboardHarness;
  let owner: Agent;
  const page = '/manage/t/default/admins';

  beforeAll(async () => {
    harness = await startDashboardHarness();
    owner = await signedInAgent(harness.app, await harness.seedAdmin('owner@example.com', ['default']));
  });
  afterAll(() => harness.close());

  const invite = (email: string) => submitForm(owner, page, page, { email });

  it('refuses 65 characters before the @, naming the limit, and adds nobody', async () => {
    const email = `${'a'.repeat(65)}@example.com`;
    const refused = await invite(email);
    expect(refused.status).toBe(400);
    expect(refused.text).toContain('<p class="field-error" id="email-error">An email address holds at most 64 characters before the @ (RFC 5321); this one has 65.</p>');
    expect(await harness.store.admins.get(email)).toBeUndefined();
  });

  it('refuses 255 characters in all', async () => {
    const email = `${'b'.repeat(60)}@${'c'.repeat(63)}.${'d'.repeat(63)}.${'e'.repeat(62)}.com`;
    expect(email).toHaveLength(255);
    const refused = await invite(email);
    expect(refused.status).toBe(400);
    expect(refused.text).toContain('An email address holds at most 254 characters (RFC 5321); this one has 255.');
  });

  it('counts bytes for letters outside ASCII, as RFC 5321 counts octets', async () => {
    const refused = await invite(`${'é'.repeat(33)}@example.com`);
    expect(refused.status).toBe(400);
    expect(refused.text).toContain('An email address holds at most 64 characters before the @ (RFC 5321); this one has 66 bytes in UTF-8.');
  });

  it('invites at 64 characters before the @ and 254 in all', async () => {
    expect((await invite(`${'f'.repeat(64)}@example.com`)).status).toBe(303);
    const longest = `${'g'.repeat(60)}@${'c'.repeat(63)}.${'d'.repeat(63)}.${'e'.repeat(61)}.com`;
    expect(longest).toHaveLength(254);
    expect((await invite(longest)).status).toBe(303);
    expect(await harness.store.admins.get(longest)).toBeDefined();
  });

  it('says what an address looks like when it is not one', async () => {
    const refused = await invite('not-an-email');
    expect(refused.status).toBe(400);
    expect(refused.text).toContain('Enter an email address, such as name@example.com.');
  });
});
