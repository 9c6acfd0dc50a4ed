import type { JsonObject } from '../../oauth2/json.js';

/**
 * Passport's normalised profile (http://www.passportjs.org/docs/profile/) plus what a host needs for
 * migration and consent checks. Optional fields appear only when the upstream gave them.
 */
export interface FitbitProfile {
  provider: 'fitbit';
  /** legacy: Fitbit's encodedId; google-health: the Health user id. */
  id: string;
  /** google-health: the user's old Fitbit id, for mapping accounts created in legacy mode. */
  legacyUserId?: string;
  displayName?: string;
  name?: { familyName?: string; givenName?: string };
  emails?: Array<{ value: string; verified?: boolean }>;
  photos?: Array<{ value: string }>;
  /** Fitbit scope names the user granted. */
  grantedScopes: string[];
  _json: JsonObject;
  _raw: string;
}

/** `name` with only the parts present, or undefined when there are none. */
export function personName(givenName: string | undefined, familyName: string | undefined): FitbitProfile['name'] {
  if (!givenName && !familyName) return undefined;
  return { ...(givenName && { givenName }), ...(familyName && { familyName }) };
}

/** Drops undefined properties so absent data stays absent rather than present-but-undefined. */
export function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
