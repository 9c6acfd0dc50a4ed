import type { AppType } from '../../domain/types.js';

/** The application types an admin chooses from, in Auth0's words. */
export const APP_TYPE_LABELS: Readonly<Record<AppType, string>> = {
  regular_web: 'Regular web application',
  spa: 'Single page application',
  native: 'Native',
  non_interactive: 'Machine to machine',
};

export function isAppType(value: string): value is AppType {
  return Object.hasOwn(APP_TYPE_LABELS, value);
}
