import { z } from 'zod';
import { FITBIT_APIS, type FitbitApi } from './api.js';
import { needsClientSecret } from './api_choices.js';
import { canReadGoogleIdentity, FITBIT_SCOPES, identityScopeNames, type FitbitScope } from './scopes.js';

/** A Fitbit connection's options as the admin sets them (Management API and dashboard). */
export type FitbitSettings = {
  api: FitbitApi;
  /** Upstream OAuth client id; absent while unconfigured (the host may then use its sandbox). */
  clientId?: string;
  clientSecret?: string;
  scope: FitbitScope[];
};

/** What a connection asks for when its options name no scope, and what a new one starts with. */
export const DEFAULT_SCOPES: readonly FitbitScope[] = ['activity', 'heartrate', 'profile', 'sleep'];

/** The longest client id and secret accepted. */
const CLIENT_ID_MAX_LENGTH = 255;
const CLIENT_SECRET_MAX_LENGTH = 1024;

const settingsSchema = z
  .object({
    api: z.enum(FITBIT_APIS, { error: 'must be "google-health" or "fitbit-legacy"' }).default(FITBIT_APIS[0]),
    // Worded here, not by zod ("Too big: expected string to have <=255 characters"): the dashboard
    // and the Management API both show this message as it is.
    clientId: z.string().trim().min(1, 'must not be empty').max(CLIENT_ID_MAX_LENGTH, `must be at most ${CLIENT_ID_MAX_LENGTH} characters`).optional(),
    clientSecret: z.string().min(1, 'must not be empty').max(CLIENT_SECRET_MAX_LENGTH, `must be at most ${CLIENT_SECRET_MAX_LENGTH} characters`).optional(),
    scope: z
      .array(z.enum(FITBIT_SCOPES, { error: (issue) => `unknown Fitbit scope ${JSON.stringify(issue.input)}; known: ${FITBIT_SCOPES.join(', ')}` }))
      .min(1, 'must list at least one scope')
      .transform((scopes) => [...new Set(scopes)])
      .default([...DEFAULT_SCOPES]),
  })
  .superRefine((settings, context) => {
    // A secret belongs to one OAuth client: without its id a host would have to drop it unseen.
    if (settings.clientSecret !== undefined && settings.clientId === undefined) {
      context.addIssue({ code: 'custom', path: ['clientId'], message: 'is required with a client secret: the secret belongs to an OAuth client' });
    }
    // Saved without its secret, such a client ID lets every login fail at the token step.
    if (settings.clientId !== undefined && settings.clientSecret === undefined && needsClientSecret(settings.api)) {
      context.addIssue({
        code: 'custom',
        path: ['clientSecret'],
        message: `is required with a client ID in ${settings.api} mode: the token request is authenticated with it`,
      });
    }
    // Google Health answers users/me/identity, the only source of the user id, only to these scopes.
    if (settings.api === 'google-health' && !canReadGoogleIdentity(settings.scope)) {
      context.addIssue({
        code: 'custom',
        path: ['scope'],
        message: `google-health needs at least one of ${identityScopeNames().join(', ')} to identify the user`,
      });
    }
  });

export type ParsedSettings = { ok: true; value: FitbitSettings } | { ok: false; field: string; message: string };

export function parseSettings(input: unknown): ParsedSettings {
  const result = settingsSchema.safeParse(input ?? {});
  if (result.success) return { ok: true, value: result.data as FitbitSettings };
  const issue = result.error.issues[0];
  return { ok: false, field: issue?.path.join('.') || 'options', message: issue?.message ?? 'is invalid' };
}
