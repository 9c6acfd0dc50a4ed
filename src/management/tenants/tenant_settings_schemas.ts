import { z } from 'zod';
import { hoursProblem, MAX_SESSION_LIFETIME_HOURS } from '../../domain/session_lifetimes.js';

// The body of PATCH /tenants/settings: the Auth0 fields fitgate keeps, in hours. Any other field
// (Auth0 has many fitgate does not) is refused rather than silently dropped.

/** A lifetime in hours, by the rule the dashboard applies too (domain/session_lifetimes.ts). */
const hours = z.number().superRefine((value, context) => {
  if (hoursProblem(value)) {
    context.addIssue({ code: 'custom', message: `Must be a number of hours from 1/60 (one minute) to ${MAX_SESSION_LIFETIME_HOURS} (365 days)` });
  }
});

export const updateTenantSettingsBody = z.strictObject({
  idle_session_lifetime: hours.optional(),
  session_lifetime: hours.optional(),
});

export type UpdateTenantSettingsBody = z.infer<typeof updateTenantSettingsBody>;
