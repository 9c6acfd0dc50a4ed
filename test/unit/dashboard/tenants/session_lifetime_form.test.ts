import { describe, expect, it } from '@jest/globals';
import { sessionLifetimeProblems } from '../../../../src/domain/session_lifetimes.js';
import { lifetimeFormErrors, lifetimeTexts, readLifetimeForm } from '../../../../src/dashboard/tenants/session_lifetime_form.js';

const stored = { idleHours: 72, absoluteHours: 168 };

describe('the Login sessions form', () => {
  it('shows the lifetimes in minutes, as Auth0\'s dashboard does', () => {
    expect(lifetimeTexts(stored)).toEqual({ idleHours: '4320', absoluteHours: '10080' });
    expect(lifetimeTexts({ idleHours: 1 / 60, absoluteHours: 0.5 })).toEqual({ idleHours: '1', absoluteHours: '30' });
  });

  it('reads minutes as hours, fractions included', () => {
    const form = readLifetimeForm({ inactivity_timeout: '30', require_log_in_after: ' 90.5 ' }, stored);
    expect(form.lifetimes).toEqual({ idleHours: 0.5, absoluteHours: 90.5 / 60 });
  });

  it('keeps a stored value exactly when its field is left as shown', () => {
    const odd = { idleHours: 0.0175, absoluteHours: 168 };
    const shown = lifetimeTexts(odd);
    expect(shown.idleHours).toBe('1.05');
    expect(readLifetimeForm({ inactivity_timeout: shown.idleHours, require_log_in_after: shown.absoluteHours }, odd).lifetimes).toEqual(odd);
  });

  it('reads what is not a number of minutes as not a number, and words each rule for the page', () => {
    const form = readLifetimeForm({ inactivity_timeout: '4,320', require_log_in_after: '' }, stored);
    expect(form.typed).toEqual({ idleHours: '4,320', absoluteHours: '' });
    expect(lifetimeFormErrors(sessionLifetimeProblems(form.lifetimes))).toEqual({
      inactivity_timeout: 'Inactivity timeout must be a number of minutes, such as 4320 for 3 days.',
      require_log_in_after: 'Require log in after must be a number of minutes, such as 4320 for 3 days.',
    });
    const out = readLifetimeForm({ inactivity_timeout: '0.5', require_log_in_after: '525601' }, stored);
    expect(lifetimeFormErrors(sessionLifetimeProblems(out.lifetimes))).toEqual({
      inactivity_timeout: 'Inactivity timeout must be at least 1 minute.',
      require_log_in_after: 'Require log in after must be at most 525600 minutes (365 days).',
    });
    const longer = readLifetimeForm({ inactivity_timeout: '120', require_log_in_after: '60' }, stored);
    expect(lifetimeFormErrors(sessionLifetimeProblems(longer.lifetimes))).toEqual({
      inactivity_timeout: 'Inactivity timeout must not be longer than Require log in after: every login ends by then anyway.',
    });
  });
});
