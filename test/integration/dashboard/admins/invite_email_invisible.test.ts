import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { signedInAgent, startDashboardHarness, submitForm, type Agent, type DashboardHarness } from '../dashboard_harness.js';

/**
 * An invited address holding a character that does not show (a NUL typed as %00, a zero-width space
 * or a bidirectional override pasted along: domain/invisible_characters.ts) is refused beside the
 * field, naming the character and where, and nobody is added: no mail server delivers to it, and the
 * account would read like another's in the list of admins.
 */
describe('an invited email address with a character that does not show', () => {
  let harness: DashboardHarness;
  let owner: Agent;
  const page = '/manage/t/default/admins';

  beforeAll(async () => {
    harness = await startDashboardHarness();
    owner = await signedInAgent(harness.app, await harness.seedAdmin('owner@example.com', ['default']));
  });
  afterAll(() => harness.close());

  it.each([
    ['a NUL', 'pat\0@example.com', 'character 4, a NUL (U+0000)'],
    ['a zero-width space', 'pat\u200b@example.com', 'character 4, a zero-width space (U+200B)'],
    ['a right-to-left override', 'pat@exa\u202emple.com', 'character 8, a bidirectional text control (U+202E)'],
  ])('refuses %s beside the field, naming it, and adds nobody', async (_case, email, named) => {
    const refused = await submitForm(owner, page, page, { email });
    expect(refused.status).toBe(400);
    expect(refused.text).toContain(
      `<p class="field-error" id="email-error">The address must not contain ${named}, an invisible character copied with it: type it again, or copy it from somewhere else.</p>`,
    );
    expect(await harness.store.admins.get(email)).toBeUndefined();
  });

  it('still invites an address of letters outside ASCII', async () => {
    expect((await submitForm(owner, page, page, { email: 'josé@exämple.com' })).status).toBe(303);
    expect(await harness.store.admins.get('josé@exämple.com')).toBeDefined();
  });
});
