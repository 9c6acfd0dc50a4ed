/** The two upstreams a Fitbit connection can talk to. */
export type FitbitApi = 'google-health' | 'fitbit-legacy';

export const FITBIT_APIS: readonly FitbitApi[] = ['google-health', 'fitbit-legacy'];

export function isFitbitApi(value: unknown): value is FitbitApi {
  return typeof value === 'string' && (FITBIT_APIS as readonly string[]).includes(value);
}
