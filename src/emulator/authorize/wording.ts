import type { UpstreamApi } from '../types.js';

/**
 * How each upstream words its authorize-time errors, never sent back to the application: Fitbit
 * shows them on its authorize page, Google on its error page (google_error_redirect.ts).
 */
export interface AuthorizeWording {
  readonly upstreamName: string;
  missing(parameter: string): [code: string, message: string];
  readonly unknownClient: [code: string, message: string, status: number];
  readonly missingRedirectUri: [code: string, message: string];
  readonly redirectMismatch: [code: string, message: string];
  readonly unsupportedResponseType: [code: string, message: string];
  invalidScope(scopes: readonly string[]): [code: string, message: string];
  readonly unsupportedChallengeMethod: [code: string, message: string];
  readonly challengeLength: [code: string, message: string];
  readonly invalidPrompt: [code: string, message: string];
}

export const WORDING: Record<UpstreamApi, AuthorizeWording> = {
  // Fitbit's own list: "Authorization Errors ... will appear on the web form while authorizing consent".
  'fitbit-legacy': {
    upstreamName: 'Fitbit',
    missing: (parameter) =>
      parameter === 'response_type'
        ? ['invalid_request', 'Missing response_type parameter value']
        : ['invalid_request', `Missing parameters: ${parameter}`],
    // Fitbit spells it "unauthorize_client" on this page.
    unknownClient: ['unauthorize_client', 'Invalid client_id', 400],
    missingRedirectUri: ['invalid_request', 'Missing redirect_uri parameter value'],
    redirectMismatch: ['invalid_request', 'Invalid redirect_uri parameter value'],
    unsupportedResponseType: ['unsupported_response_type', 'Invalid response_type parameter value'],
    invalidScope: (scopes) => ['invalid_scope', `Invalid scope value: ${scopes.join(' ')}`],
    unsupportedChallengeMethod: ['invalid_request', 'Unsupported code_challenge_method'],
    challengeLength: ['invalid_request', 'The code_challenge parameter length must be between 43 and 128'],
    invalidPrompt: ['invalid_request', 'Invalid prompt parameter value'],
  },
  // Google's error page reads "Error 400: <code>", the description, then the request details.
  'google-health': {
    upstreamName: 'Google',
    missing: (parameter) => ['invalid_request', `Missing required parameter: ${parameter}`],
    unknownClient: ['invalid_client', 'The OAuth client was not found.', 401],
    missingRedirectUri: ['invalid_request', 'Missing required parameter: redirect_uri'],
    // Google's words since 2023 (e.g. n8n-io/n8n#13943); the URI itself is among the request details.
    redirectMismatch: [
      'redirect_uri_mismatch',
      "You can't sign in to this app because it doesn't comply with Google's OAuth 2.0 policy. If you're the app developer, register the redirect URI in the Google Cloud Console.",
    ],
    unsupportedResponseType: ['unsupported_response_type', 'Invalid response_type: only "code" is supported.'],
    invalidScope: (scopes) => ['invalid_scope', `Some requested scopes were invalid. {invalid=[${scopes.join(', ')}]}`],
    unsupportedChallengeMethod: ['invalid_request', 'Invalid code_challenge_method value.'],
    challengeLength: ['invalid_request', 'Invalid code_challenge: 43 to 128 characters of [A-Z a-z 0-9 - . _ ~].'],
    invalidPrompt: ['invalid_request', 'Invalid prompt value.'],
  },
};

/**
 * What each scope lets the application see, in words, as the real consent screens say it (they
 * never show scope strings). Unknown scopes fall back to the scope itself.
 */
const GOOGLE_AREA_WORDS: Readonly<Record<string, string>> = {
  activity_and_fitness: 'See your activity and fitness: steps, distance, calories, active minutes, exercises and cardio fitness',
  health_metrics_and_measurements: 'See your health metrics: heart rate, weight and body fat, blood oxygen, breathing rate and temperature',
  ecg: 'See your ECG readings',
  irn: 'See your irregular rhythm notifications',
  location: 'See the GPS routes of your exercises',
  nutrition: 'See what you eat and drink',
  profile: 'See your Fitbit profile: name, picture, age, height and stride length',
  settings: 'See your device settings, alarms and goals',
  sleep: 'See your sleep logs and sleep stages',
};
const GOOGLE_IDENTITY_WORDS: Readonly<Record<string, string>> = {
  openid: 'Associate you with your personal info on Google',
  email: 'See your primary Google Account email address',
  profile: 'See your personal info, including any you made publicly available',
  'https://www.googleapis.com/auth/userinfo.email': 'See your primary Google Account email address',
  'https://www.googleapis.com/auth/userinfo.profile': 'See your personal info, including any you made publicly available',
};
const FITBIT_SCOPE_WORDS: Readonly<Record<string, string>> = {
  activity: 'Activity and exercise',
  cardio_fitness: 'Cardio fitness score',
  electrocardiogram: 'ECG readings',
  heartrate: 'Heart rate',
  irregular_rhythm_notifications: 'Irregular rhythm notifications',
  location: 'Location (GPS routes)',
  nutrition: 'Food and water logs',
  oxygen_saturation: 'Blood oxygen (SpO2)',
  profile: 'Profile',
  respiratory_rate: 'Breathing rate',
  settings: 'Device settings',
  sleep: 'Sleep',
  social: 'Friends and leaderboard',
  temperature: 'Temperature',
  weight: 'Weight and body fat',
};

export function scopeInWords(api: UpstreamApi, scope: string): string {
  if (api === 'fitbit-legacy') return FITBIT_SCOPE_WORDS[scope] ?? scope;
  const identity = GOOGLE_IDENTITY_WORDS[scope];
  if (identity) return identity;
  const area = /googlehealth\.([a-z_]+?)(?:\.readonly)?$/.exec(scope)?.[1];
  return (area && GOOGLE_AREA_WORDS[area]) ?? scope;
}
