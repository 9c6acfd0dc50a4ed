import { describe, expect, it } from '@jest/globals';
import { sessionLifetimeProblems } from '../../../../src/domain/session_lifetimes.js';
import { lifetimeFormErrors, readLifetimeForm } from '../../../../src/dashboard/tenants/session_lifetime_form.js';

const stored = { idleHours: 72, absoluteHours: 168 };

/** A negative number of minutes is a number under the minimum, and the form says so, not "must be a number". */
describe('a negative session lifetime on the Login sessions form', () => {
  it('is told it must be at least 1 minute', () => {
    const form = readLifetimeForm({ inactivity_timeout: '-1', require_log_in_after: '-0.5' }, stored);
    expect(lifetimeFormErrors(sessionLifetimeProblems(form.lifetimes))).toEqual({
      inactivity_timeout: 'Inactivity timeout must be at least 1 minute.',
      require_log_in_after: 'Require log in after must be at least 1 minute.',
    });
  });

  it('still reads a lone minus sign, or one after the digits, as no number', () => {
    const form = readLifetimeForm({ inactivity_timeout: '-', require_log_in_after: '5-' }, stored);
    expect(lifetimeFormErrors(sessionLifetimeProblems(form.lifetimes))).toEqual({
      inactivity_timeout: 'Inactivity timeout must be a number of minutes, such as 4320 for 3 days.',
      require_log_in_after: 'Require log in after must be a number of minutes, such as 4320 for 3 days.',
    });
  });
});
