/** The two upstreams a Fitbit connection can talk to, the live one first: new connections use it. */
export const FITBIT_APIS = ['google-health', 'fitbit-legacy'] as const;

export type FitbitApi = (typeof FITBIT_APIS)[number];

export function isFitbitApi(value: unknown): value is FitbitApi {
  return typeof value === 'string' && (FITBIT_APIS as readonly string[]).includes(value);
}
