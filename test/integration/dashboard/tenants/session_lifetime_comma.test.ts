import { describe, expect, it } from '@jest/globals';
import { TENANT, useBothWays } from '../../same_rules/both_ways.js';

/**
 * The lifetime fields ask phones for a decimal keypad, which in many locales types a comma: the
 * settings page saves "60,5" as 60.5 minutes, and shows it back with a point.
 */
describe('a session lifetime typed with a decimal comma', () => {
  const both = useBothWays();
  const page = `/manage/t/${TENANT}/settings`;

  it('is saved as the decimal it means', async () => {
    const saved = await both.form(page, page, { inactivity_timeout: '60,5', require_log_in_after: '10080,25', allowed_logout_urls: '' });
    expect(saved.status).toBe(303);
    expect(await both.harness().store.tenants.getStored(TENANT)).toMatchObject({ idleSessionLifetimeHours: 60.5 / 60, sessionLifetimeHours: 10080.25 / 60 });
    const shown = await both.agent().get(page).expect(200);
    expect(shown.text).toContain('value="60.5"');
    expect(shown.text).toContain('value="10080.25"');
  });
});
