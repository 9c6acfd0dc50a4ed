import type { FitbitApi } from './api.js';

/**
 * Fitbit's scope names are the vocabulary admins configure in both modes; google-health requests the
 * Google Health scopes they map to (https://developers.google.com/health/migration/data-access).
 */
export const FITBIT_SCOPES = [
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
export type FitbitScope = (typeof FITBIT_SCOPES)[number];

export const SCOPE_DESCRIPTIONS: Readonly<Record<FitbitScope, string>> = {
  activity: 'Activity and exercise: steps, distance, calories, active minutes, logged exercises',
  cardio_fitness: 'Cardio fitness score (VO2 max)',
  electrocardiogram: 'ECG readings taken with the ECG app',
  heartrate: 'Heart rate, including resting heart rate and heart rate zones',
  irregular_rhythm_notifications: 'Irregular rhythm notifications (possible atrial fibrillation)',
  location: 'GPS routes of logged exercises',
  nutrition: 'Food and water logs',
  oxygen_saturation: 'Blood oxygen saturation (SpO2)',
  profile: 'Personal profile: name, picture, age, height, stride lengths',
  respiratory_rate: 'Breathing rate during sleep',
  settings: 'Device settings, alarms and goals',
  sleep: 'Sleep logs and sleep stages',
  social: 'Friends and leaderboard (legacy Fitbit only; Google Health has no equivalent)',
  temperature: 'Skin and core temperature',
  weight: 'Weight, body fat and BMI',
};

const GOOGLE_HEALTH_SCOPE_PREFIX = 'https://www.googleapis.com/auth/googlehealth.';

/** Google Health's data areas; each is one scope, `<prefix><area>.readonly`. */
type GoogleHealthArea =
  | 'activity_and_fitness'
  | 'health_metrics_and_measurements'
  | 'ecg'
  | 'irn'
  | 'location'
  | 'nutrition'
  | 'profile'
  | 'settings'
  | 'sleep';

/**
 * Google's table (https://developers.google.com/health/migration/api-specifications, "Scope mappings").
 * `social` has no Google Health counterpart.
 */
const GOOGLE_AREA_OF: Readonly<Record<FitbitScope, GoogleHealthArea | undefined>> = {
  activity: 'activity_and_fitness',
  cardio_fitness: 'activity_and_fitness',
  electrocardiogram: 'ecg',
  heartrate: 'health_metrics_and_measurements',
  irregular_rhythm_notifications: 'irn',
  location: 'location',
  nutrition: 'nutrition',
  oxygen_saturation: 'health_metrics_and_measurements',
  profile: 'profile',
  respiratory_rate: 'health_metrics_and_measurements',
  settings: 'settings',
  sleep: 'sleep',
  social: undefined,
  temperature: 'health_metrics_and_measurements',
  weight: 'health_metrics_and_measurements',
};

/** Sign-in scopes requested with every google-health login: they give the id_token and userinfo. */
export const GOOGLE_SIGN_IN_SCOPES = ['openid', 'email', 'profile'] as const;

/**
 * Areas whose scope lets the app read users/me/identity, the only source of the Health user id
 * (https://developers.google.com/health/migration: "any .readonly scope of activity, health
 * metrics, profile, settings or sleep").
 */
const IDENTITY_AREAS: readonly GoogleHealthArea[] = [
  'activity_and_fitness',
  'health_metrics_and_measurements',
  'profile',
  'settings',
  'sleep',
];

export function isFitbitScope(value: string): value is FitbitScope {
  return (FITBIT_SCOPES as readonly string[]).includes(value);
}

/** The Google scope a Fitbit scope maps to, or undefined (social). */
export function googleScopeFor(scope: FitbitScope): string | undefined {
  const area = GOOGLE_AREA_OF[scope];
  return area && `${GOOGLE_HEALTH_SCOPE_PREFIX}${area}.readonly`;
}

/** The scopes sent to the upstream's authorize endpoint for the given Fitbit scope names. */
export function upstreamScopes(api: FitbitApi, scopes: readonly FitbitScope[]): string[] {
  if (api === 'fitbit-legacy') return [...new Set(scopes)];
  const health = scopes.map(googleScopeFor).filter((scope): scope is string => scope !== undefined);
  return [...new Set([...GOOGLE_SIGN_IN_SCOPES, ...health])];
}

/** Whether a google-health login with these Fitbit scopes can read the identity endpoint. */
export function canReadGoogleIdentity(scopes: readonly FitbitScope[]): boolean {
  return scopes.some((scope) => {
    const area = GOOGLE_AREA_OF[scope];
    return area !== undefined && IDENTITY_AREAS.includes(area);
  });
}

/** Fitbit scope names that read the identity endpoint in google-health mode, for error messages. */
export function identityScopeNames(): FitbitScope[] {
  return FITBIT_SCOPES.filter((scope) => canReadGoogleIdentity([scope]));
}

function googleAreaOf(scope: string): GoogleHealthArea | undefined {
  if (!scope.startsWith(GOOGLE_HEALTH_SCOPE_PREFIX)) return undefined;
  // Some Google pages print the read-write spelling without `.readonly`: both grant the area.
  const area = scope.slice(GOOGLE_HEALTH_SCOPE_PREFIX.length).replace(/\.readonly$/, '');
  return Object.values(GOOGLE_AREA_OF).find((known) => known === area);
}

/**
 * The Fitbit scope names an upstream's granted-scope string covers. Sign-in scopes and scopes this
 * plugin does not know are dropped; a Google area grants every Fitbit scope that maps to it.
 */
export function grantedFitbitScopes(api: FitbitApi, granted: string): FitbitScope[] {
  const names = granted.split(/\s+/).filter(Boolean);
  if (api === 'fitbit-legacy') return FITBIT_SCOPES.filter((scope) => names.includes(scope));
  const areas = new Set(names.map(googleAreaOf).filter((area) => area !== undefined));
  return FITBIT_SCOPES.filter((scope) => {
    const area = GOOGLE_AREA_OF[scope];
    return area !== undefined && areas.has(area);
  });
}
