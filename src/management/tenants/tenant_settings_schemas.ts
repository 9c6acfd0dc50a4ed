import { z } from 'zod';
import { distinctUrls, MAX_APPLICATION_URLS } from '../../domain/application_urls.js';
import { writtenUrlSchema } from '../written_url.js';
import { hoursProblem, MAX_SESSION_LIFETIME_HOURS } from '../../domain/session_lifetimes.js';

// The body of PATCH /tenants/settings: the Auth0 fields fitgate keeps, in hours. Any other field
// (Auth0 has many fitgate does not) is refused rather than silently dropped.

/** A lifetime in hours, by the rule the dashboard applies too (domain/session_lifetimes.ts). */
const hours = z.number().superRefine((value, context) => {
  if (hoursProblem(value)) {
    context.addIssue({ code: 'custom', message: `Must be a number of hours from 1/60 (one minute) to ${MAX_SESSION_LIFETIME_HOURS} (365 days)` });
  }
});

/**
 * As an application's list: each URL read as the dashboard reads it (written_url.ts), stored without
 * repeats and then counted. Each URL is checked against the application URL rule once parsed
 * (tenant_settings_routes.ts), in the words a client's list gets.
 */
const logoutUrls = z
  .array(writtenUrlSchema)
  .transform(distinctUrls)
  .pipe(z.array(z.string()).max(MAX_APPLICATION_URLS, `Must list at most ${MAX_APPLICATION_URLS} URLs`));

export const updateTenantSettingsBody = z.strictObject({
  idle_session_lifetime: hours.optional(),
  session_lifetime: hours.optional(),
  allowed_logout_urls: logoutUrls.optional(),
});

export type UpdateTenantSettingsBody = z.infer<typeof updateTenantSettingsBody>;
