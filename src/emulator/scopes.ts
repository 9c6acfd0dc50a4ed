/** Scope vocabularies of both upstreams and what each endpoint needs. */

export const LEGACY_SCOPES = [
  'activity',
  'cardio_fitness',
  'electrocardiogram',
  'heartrate',
  'irregular_rhythm_notifications',
  'location',
  'nutrition',
  'oxygen_saturation',
  'profile',
  'respiratory_rate',
  'settings',
  'sleep',
  'social',
  'temperature',
  'weight',
] as const;

export const GOOGLE_HEALTH_SCOPE_PREFIX = 'https://www.googleapis.com/auth/googlehealth.';

const GOOGLE_HEALTH_AREAS = [
  'activity_and_fitness',
  'health_metrics_and_measurements',
  'ecg',
  'irn',
  'location',
  'nutrition',
  'profile',
  'settings',
  'sleep',
] as const;
export type GoogleHealthArea = (typeof GOOGLE_HEALTH_AREAS)[number];

/** Sign-in scopes Google always grants with the rest: its consent screen offers no checkbox for them. */
export const GOOGLE_IDENTITY_SCOPES = [
  'openid',
  'email',
  'profile',
  'https://www.googleapis.com/auth/userinfo.email',
  'https://www.googleapis.com/auth/userinfo.profile',
] as const;

export function isLegacyScope(scope: string): boolean {
  return (LEGACY_SCOPES as readonly string[]).includes(scope);
}

export function isGoogleIdentityScope(scope: string): boolean {
  return (GOOGLE_IDENTITY_SCOPES as readonly string[]).includes(scope);
}

/**
 * The Health area a Google scope grants, for both spellings: `<area>.readonly` and the read-write
 * `<area>` that some Google pages print without a suffix.
 */
export function googleHealthArea(scope: string): GoogleHealthArea | undefined {
  if (!scope.startsWith(GOOGLE_HEALTH_SCOPE_PREFIX)) return undefined;
  const area = scope.slice(GOOGLE_HEALTH_SCOPE_PREFIX.length).replace(/\.readonly$/, '');
  return (GOOGLE_HEALTH_AREAS as readonly string[]).includes(area) ? (area as GoogleHealthArea) : undefined;
}

export function isGoogleScope(scope: string): boolean {
  return isGoogleIdentityScope(scope) || googleHealthArea(scope) !== undefined;
}

export function grantsGoogleArea(granted: readonly string[], area: GoogleHealthArea): boolean {
  return granted.some((scope) => googleHealthArea(scope) === area);
}

export function grantsGoogleEmail(granted: readonly string[]): boolean {
  return granted.includes('email') || granted.includes('https://www.googleapis.com/auth/userinfo.email');
}

export function grantsGoogleProfile(granted: readonly string[]): boolean {
  return granted.includes('profile') || granted.includes('https://www.googleapis.com/auth/userinfo.profile');
}

/** Splits a space-separated scope parameter, dropping empties and repeats but keeping the order. */
export function parseScopeList(value: string | undefined): string[] {
  return [...new Set((value ?? '').split(/\s+/).filter(Boolean))];
}
