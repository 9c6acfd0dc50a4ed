import { z } from 'zod';
import type { SettingsIssue } from '../plugin.js';
import { FITBIT_APIS, type FitbitApi } from './api.js';
import { apiChoices, needsClientSecret } from './api_choices.js';
import { canReadGoogleIdentity, FITBIT_SCOPES, identityScopeNames, type FitbitScope } from './scopes.js';

/** A Fitbit connection's options as the admin sets them (Management API and dashboard). */
export type FitbitSettings = {
  api: FitbitApi;
  /** Upstream OAuth client id; absent while unconfigured (the host may then use its sandbox). */
  clientId?: string;
  clientSecret?: string;
  scope: FitbitScope[];
};

/**
 * Accepted with the defaults filled in, or refused with every problem found, in the settings' order:
 * the host's ParsedConnectionSettings, with the settings typed as Fitbit's.
 */
export type ParsedSettings = { ok: true; value: FitbitSettings } | { ok: false; issues: [SettingsIssue, ...SettingsIssue[]] };

/** What a connection asks for when its options name no scope, and what a new one starts with. */
export const DEFAULT_SCOPES: readonly FitbitScope[] = ['activity', 'heartrate', 'profile', 'sleep'];

/** The longest client id and secret accepted. */
const CLIENT_ID_MAX_LENGTH = 255;
const CLIENT_SECRET_MAX_LENGTH = 1024;

// Each setting is read on its own, so that one refused setting never hides another's problem: the
// rules across settings below run on whatever could be read. Worded here, not by zod ("Too big:
// expected string to have <=255 characters"): the dashboard and the Management API both show
// these messages as they are, after the setting's name.
const SETTING_SCHEMAS = {
  api: z.enum(FITBIT_APIS, { error: 'must be "google-health" or "fitbit-legacy"' }).default(FITBIT_APIS[0]),
  clientId: z.string().trim().min(1, 'must not be empty').max(CLIENT_ID_MAX_LENGTH, `must be at most ${CLIENT_ID_MAX_LENGTH} characters`).optional(),
  clientSecret: z.string().min(1, 'must not be empty').max(CLIENT_SECRET_MAX_LENGTH, `must be at most ${CLIENT_SECRET_MAX_LENGTH} characters`).optional(),
  scope: z
    .array(z.enum(FITBIT_SCOPES, { error: (issue) => `unknown permission ${JSON.stringify(issue.input)}; known: ${FITBIT_SCOPES.join(', ')}` }))
    .transform((scopes) => [...new Set(scopes)])
    .default([...DEFAULT_SCOPES]),
} as const;

type Setting = keyof typeof SETTING_SCHEMAS;

export function parseSettings(input: unknown): ParsedSettings {
  const given = input ?? {};
  if (typeof given !== 'object' || Array.isArray(given)) return { ok: false, issues: [{ field: 'options', message: 'must be an object' }] };
  const sent = given as Partial<Record<Setting, unknown>>;
  const issues: SettingsIssue[] = [];
  const read = <K extends Setting>(setting: K): z.output<(typeof SETTING_SCHEMAS)[K]> | undefined => {
    const result = SETTING_SCHEMAS[setting].safeParse(sent[setting]);
    if (result.success) return result.data as z.output<(typeof SETTING_SCHEMAS)[K]>;
    issues.push(...result.error.issues.map((issue) => ({ field: [setting, ...issue.path].join('.'), message: issue.message })));
    return undefined;
  };
  const api = read('api');
  const clientId = read('clientId');
  const clientSecret = read('clientSecret');
  const scope = read('scope');
  issues.push(...crossSettingIssues(api, { clientId: sent.clientId !== undefined, clientSecret: sent.clientSecret !== undefined }, scope));

  const [first, ...rest] = issues;
  if (first) return { ok: false, issues: [first, ...rest] };
  // No issue: every setting was read, and api and scope have their defaults.
  const value: FitbitSettings = { api: api!, scope: scope! };
  if (clientId !== undefined) value.clientId = clientId;
  if (clientSecret !== undefined) value.clientSecret = clientSecret;
  return { ok: true, value };
}

/**
 * The rules across settings, on the settings that could be read (undefined: refused already), so
 * that they are reported together with any other problem. Worded with the API's own name and the
 * dashboard's "permissions": the admin reads them beside the field, and an API caller after it.
 */
function crossSettingIssues(api: FitbitApi | undefined, given: { clientId: boolean; clientSecret: boolean }, scope: FitbitScope[] | undefined): SettingsIssue[] {
  const issues: SettingsIssue[] = [];
  // A secret belongs to one OAuth client: without its id a host would have to drop it unseen.
  if (given.clientSecret && !given.clientId) {
    issues.push({ field: 'clientId', message: 'is required with a client secret: the secret belongs to an OAuth client' });
  }
  // Saved without its secret, such a client ID lets every login fail at the token step.
  if (api !== undefined && given.clientId && !given.clientSecret && needsClientSecret(api)) {
    issues.push({ field: 'clientSecret', message: `is required with a Client ID for the ${apiName(api)}, which authenticates each token request with it` });
  }
  if (scope?.length === 0) {
    issues.push({ field: 'scope', message: 'must list at least one permission' });
  } else if (scope !== undefined && api === 'google-health' && !canReadGoogleIdentity(scope)) {
    // Google Health answers users/me/identity, the only source of the user id, only to these scopes.
    issues.push({
      field: 'scope',
      message: `must include at least one of ${identityScopeNames().join(', ')}: the ${apiName(api)} identifies the user only through one of these`,
    });
  }
  return issues;
}

function apiName(api: FitbitApi): string {
  return apiChoices().find((choice) => choice.id === api)?.name ?? api;
}
