import { describe, expect, it } from '@jest/globals';
import { sessionLifetimeProblems } from '../../../../src/domain/session_lifetimes.js';
import { lifetimeFormErrors, readLifetimeForm } from '../../../../src/dashboard/tenants/session_lifetime_form.js';

const stored = { idleHours: 72, absoluteHours: 168 };

/**
 * The lifetime fields ask phones for a decimal keypad, which in many locales has a comma for the
 * decimal point: "60,5" is read as 60.5 minutes. A comma that may as well be a thousands separator
 * ("4,320") is not guessed at.
 */
describe('a session lifetime typed with a decimal comma', () => {
  it.each([
    ['60,5', 60.5],
    ['1,25', 1.25],
    ['1440,0', 1440],
    ['4320,125', 4320.125],
  ])('reads %s as %d minutes', (typed, minutes) => {
    const form = readLifetimeForm({ inactivity_timeout: typed, require_log_in_after: '10080' }, stored);
    expect(form.typed.idleHours).toBe(typed);
    expect(form.lifetimes.idleHours).toBe(minutes / 60);
    expect(sessionLifetimeProblems(form.lifetimes)).toEqual([]);
  });

  it('tells a negative one with a comma that it is under the minimum', () => {
    const form = readLifetimeForm({ inactivity_timeout: '-0,5', require_log_in_after: '10080' }, stored);
    expect(lifetimeFormErrors(sessionLifetimeProblems(form.lifetimes))).toEqual({ inactivity_timeout: 'Inactivity timeout must be at least 1 minute.' });
  });

  it.each(['4,320', '10,080', '1,000,000', '60,', ',5', '60.5,5'])('asks for a number for %s', (typed) => {
    const form = readLifetimeForm({ inactivity_timeout: '4320', require_log_in_after: typed }, stored);
    expect(lifetimeFormErrors(sessionLifetimeProblems(form.lifetimes))).toEqual({
      require_log_in_after: 'Require log in after must be a number of minutes, such as 4320 for 3 days.',
    });
  });
});
