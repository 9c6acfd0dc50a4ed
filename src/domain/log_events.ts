import { randomBytes } from 'node:crypto';
import type { LogRepository } from './ports.js';
import type { LogEvent } from './types.js';

/**
 * Auth0's log event codes that fitgate records, with Auth0's own short descriptions (the dashboard and
 * /api/v2/logs show them). https://auth0.com/docs/deploy-monitor/logs/log-event-type-codes
 * One is fitgate's own, for what Auth0 has no code for: `consent_granted` (authn/login/consent/consent_log.ts).
 */
export const LOG_EVENT_TYPES = {
  s: 'Success Login',
  f: 'Failed Login',
  fp: 'Failed Login (Incorrect Password)',
  fc: 'Failed by Connector',
  fco: 'Failed by CORS',
  seacft: 'Success Exchange (Authorization Code for Access Token)',
  feacft: 'Failed Exchange (Authorization Code for Access Token)',
  sertft: 'Success Exchange (Refresh Token for Access Token)',
  fertft: 'Failed Exchange (Refresh Token for Access Token)',
  seccft: 'Success Exchange (Client Credentials for Access Token)',
  feccft: 'Failed Exchange (Client Credentials for Access Token)',
  seta: 'Success Exchange (Refresh Token for Token for 3rd party API)',
  feta: 'Failed Exchange (Refresh Token for Token for 3rd party API)',
  slo: 'Success Logout',
  flo: 'Failed Logout',
  srrt: 'Success Revocation',
  sapi: 'Success API Operation',
  fapi: 'Failed API Operation',
  limit_wc: 'Blocked Account (too many attempts)',
  limit_mu: 'Blocked IP Address (too many attempts)',
  scp: 'Success Change Password',
  fcp: 'Failed Change Password',
  consent_granted: 'Consent Granted (fitgate)',
} as const;

export type LogEventType = keyof typeof LOG_EVENT_TYPES;

/** What a caller says about an event (`type` is an Auth0 code, see LOG_EVENT_TYPES); id and date are filled in. */
export type LogEventInput = Omit<LogEvent, 'id' | 'date'> & { date?: Date };

// Detail keys whose values are credentials. An event must never carry one, whoever builds it.
const SECRET_KEYS = /^(code|code_verifier|client_secret|password|access_token|refresh_token|id_token|token|secret|authorization|cookie)$/i;

/**
 * Appends an Auth0-coded log event with a fresh id and date, and credentials in `details` redacted.
 * Rejects when the log store does. The running app records through tenant_log.ts, which adds the
 * stored facts and reports that and carries on, since no login or exchange should fail because its
 * log line could not be written; the admin commands report it themselves.
 */
export async function recordLogEvent(store: { logs: Pick<LogRepository, 'append'> }, input: LogEventInput): Promise<LogEvent> {
  const { date = new Date(), details, ...rest } = input;
  const event: LogEvent = {
    ...rest,
    id: newLogEventId(date),
    date: date.toISOString(),
    ...(details !== undefined ? { details: withoutSecrets(details) } : {}),
  };
  await store.logs.append(event);
  return event;
}

/** Sortable by time like Auth0's log ids: 12 hex digits of epoch ms, then 16 random hex digits. */
export function newLogEventId(date: Date): string {
  return date.getTime().toString(16).padStart(12, '0') + randomBytes(8).toString('hex');
}

/** A log id as newLogEventId makes it: 12 hex digits of epoch ms, then 16 random hex digits. */
export const LOG_EVENT_ID = /^[0-9a-f]{28}$/;

/** The epoch ms a log id (LOG_EVENT_ID) starts with. */
export function logIdTime(id: string): number {
  return Number.parseInt(id.slice(0, 12), 16);
}

function withoutSecrets(details: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(details).map(([key, value]) => [
      key,
      SECRET_KEYS.test(key)
        ? '[redacted]'
        : value !== null && typeof value === 'object' && !Array.isArray(value)
          ? withoutSecrets(value as Record<string, unknown>)
          : value,
    ]),
  );
}
