import {
  MAX_SESSION_LIFETIME_HOURS,
  type LifetimeField,
  type LifetimeProblem,
  type SessionLifetimes,
} from '../../domain/session_lifetimes.js';
import { textField, type FieldErrors, type FormBody } from '../form_fields.js';

/**
 * The "Login sessions" form of the tenant's settings page: the two session lifetimes in minutes, as
 * Auth0's dashboard shows them ("Inactivity timeout", "Require log in after"), stored in hours as
 * the Management API has them, under the same rules (domain/session_lifetimes.ts), worded for the page.
 */

/** The form's field for each lifetime, and the label the page shows it under. */
export const LIFETIME_FIELDS: Readonly<Record<LifetimeField, { name: string; label: string }>> = {
  idleHours: { name: 'inactivity_timeout', label: 'Inactivity timeout' },
  absoluteHours: { name: 'require_log_in_after', label: 'Require log in after' },
};

export const MAX_SESSION_LIFETIME_MINUTES = MAX_SESSION_LIFETIME_HOURS * 60;

/** What the fields show: each lifetime in minutes, without the float noise of hours × 60. */
export type LifetimeTexts = Record<LifetimeField, string>;

export function lifetimeTexts(lifetimes: SessionLifetimes): LifetimeTexts {
  return { idleHours: minutesText(lifetimes.idleHours), absoluteHours: minutesText(lifetimes.absoluteHours) };
}

function minutesText(hours: number): string {
  return String(Number((hours * 60).toFixed(4)));
}

/** What the form asks for: the fields as typed, and the lifetimes they say (NaN for a field that is not a number). */
export interface LifetimeForm {
  typed: LifetimeTexts;
  lifetimes: SessionLifetimes;
}

/**
 * Reads the form; the rules are checked where it is saved (domain/session_lifetime_changes.ts). A
 * field left as the page showed it keeps the stored value exactly (0.0175 hours shows as 1.05
 * minutes, which is not quite 0.0175 hours again).
 */
export function readLifetimeForm(body: FormBody, stored: SessionLifetimes): LifetimeForm {
  const typed: LifetimeTexts = { idleHours: textField(body, LIFETIME_FIELDS.idleHours.name), absoluteHours: textField(body, LIFETIME_FIELDS.absoluteHours.name) };
  const shown = lifetimeTexts(stored);
  const hoursOf = (field: LifetimeField): number => (typed[field] === shown[field] ? stored[field] : minutesTyped(typed[field]) / 60);
  return { typed, lifetimes: { idleHours: hoursOf('idleHours'), absoluteHours: hoursOf('absoluteHours') } };
}

/** The rules' problems next to their fields, in the page's words. */
export function lifetimeFormErrors(problems: readonly LifetimeProblem[]): FieldErrors {
  return Object.fromEntries(problems.map((problem) => [LIFETIME_FIELDS[problem.field].name, inPageWords(problem)]));
}

/**
 * Minutes as typed: digits with an optional fraction, and a minus sign, so that -1 is told it is
 * under the minimum rather than that it is no number; anything else is not a number (NaN). The
 * fields ask phones for a decimal keypad, which in many locales has a comma, not a point: "60,5" is
 * 60.5. A comma that could be a thousands separator instead ("4,320", 1 to 3 digits then 3) is
 * not guessed at, since 4.32 and 4320 minutes are far apart: the page asks for a number then.
 */
function minutesTyped(text: string): number {
  if (!/^-?\d+([.,]\d+)?$/.test(text) || /^-?\d{1,3},\d{3}$/.test(text)) return Number.NaN;
  return Number(text.replace(',', '.'));
}

export function inPageWords(problem: LifetimeProblem): string {
  const label = LIFETIME_FIELDS[problem.field].label;
  switch (problem.kind) {
    case 'not_a_number':
      return `${label} must be a number of minutes, such as 4320 for 3 days.`;
    case 'too_short':
      return `${label} must be at least 1 minute.`;
    case 'too_long':
      return `${label} must be at most ${MAX_SESSION_LIFETIME_MINUTES} minutes (365 days).`;
    case 'longer_than_absolute':
      return `${label} must not be longer than ${LIFETIME_FIELDS.absoluteHours.label}: every login ends by then anyway.`;
  }
}
