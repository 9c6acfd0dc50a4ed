import { randomBytes } from 'node:crypto';
import type { PluginProfile, PluginTokens } from '../../connections/plugin.js';
import type { EphemeralStore } from '../../domain/ports.js';
import { REDACTED, redactJson, redactParameters, redactUrl } from './redact.js';
import type { TryFailure } from './try_failure_explanation.js';
import type { PendingTry, TryTransaction } from './try_transaction.js';

/**
 * What a finished TRY shows: each step with secrets redacted, then the profile ("It works!") or what
 * went wrong. Kept for a quarter of an hour as a `try_transaction` record under "result:<id>", for
 * the admin who started it only; it holds no token, code or secret.
 */
export type NormalisedProfile = Omit<PluginProfile, '_json' | '_raw'>;

export interface TryReport {
  id: string;
  tenant: string;
  strategy: string;
  api: string;
  adminEmail: string;
  sandbox: boolean;
  callbackUrl: string;
  steps: {
    authorizeUrl?: string;
    /** Absent when the TRY failed before the browser left for the upstream: nothing came back. */
    callbackParameters?: Record<string, string>;
    tokenResponse?: Record<string, string | number>;
  };
  requestedScopes: string[];
  success?: {
    profile: NormalisedProfile;
    rawProfile: unknown;
    /** The login's tokens' list, the one a real login stores on the identity. */
    grantedScopes: string[];
    /** Requested permissions the user left unticked (the login still works without them). */
    notGranted: string[];
  };
  failure?: TryFailure;
}

export const TRY_REPORT_TTL_SECONDS = 15 * 60;

/** What the verify step of a TRY passes on: the login's result, never stored as a user. */
export interface TryLogin {
  tokens: PluginTokens;
  profile: PluginProfile;
}

export function reportBase(transaction: TryTransaction, callbackUrl: string, callbackQuery: URLSearchParams): TryReport {
  return {
    id: randomBytes(18).toString('base64url'),
    tenant: transaction.tenant,
    strategy: transaction.strategy,
    api: transaction.api,
    adminEmail: transaction.adminEmail,
    sandbox: transaction.sandbox,
    callbackUrl,
    requestedScopes: transaction.requestedScopes,
    steps: {
      ...(transaction.authorizeUrl && { authorizeUrl: redactUrl(transaction.authorizeUrl) }),
      callbackParameters: redactParameters(callbackQuery.entries()),
    },
  };
}

/**
 * The report of a TRY that failed before the browser left for the upstream (the authorize preflight's
 * refusal, fitgate's own failure to start): the authorize URL, when there was one, and the failure.
 */
export function failedAtStart(
  pending: Pick<PendingTry, 'tenant' | 'strategy' | 'api' | 'adminEmail' | 'sandbox' | 'requestedScopes'>,
  callbackUrl: string,
  failure: TryFailure,
  authorizeUrl?: string,
): TryReport {
  const { tenant, strategy, api, adminEmail, sandbox, requestedScopes } = pending;
  return {
    id: randomBytes(18).toString('base64url'),
    tenant,
    strategy,
    api,
    adminEmail,
    sandbox,
    callbackUrl,
    requestedScopes,
    steps: authorizeUrl === undefined ? {} : { authorizeUrl: redactUrl(authorizeUrl) },
    failure,
  };
}

/** Where the admin who began the TRY reads its report, on the host where they use the dashboard. */
export function resultPath(report: Pick<TryReport, 'tenant' | 'strategy' | 'id'>): string {
  return `/manage/t/${encodeURIComponent(report.tenant)}/social/${encodeURIComponent(report.strategy)}/try/result/${report.id}`;
}

export function withSuccess(report: TryReport, login: TryLogin): TryReport {
  // A Passport profile often lists the scopes too (the Fitbit strategy's does, for apps using it
  // alone): the report shows the granted permissions once, from the tokens.
  const { _json, _raw, grantedScopes: _onProfile, ...profile } = login.profile as PluginProfile & { grantedScopes?: unknown };
  const { grantedScopes } = login.tokens;
  return {
    ...report,
    steps: {
      ...report.steps,
      tokenResponse: {
        access_token: REDACTED,
        ...(login.tokens.refreshToken && { refresh_token: REDACTED }),
        expires_in: login.tokens.expiresIn,
        scope: login.tokens.grantedScopes.join(' '),
      },
    },
    success: {
      profile: redactJson(profile) as NormalisedProfile,
      rawProfile: redactJson(_json),
      grantedScopes,
      notGranted: report.requestedScopes.filter((scope) => !grantedScopes.includes(scope)),
    },
  };
}

export function withFailure(report: TryReport, failure: TryFailure): TryReport {
  return { ...report, failure };
}

const resultKey = (id: string) => `result:${id}`;

export async function saveReport(ephemeral: EphemeralStore, report: TryReport): Promise<void> {
  await ephemeral.put('try_transaction', resultKey(report.id), report, TRY_REPORT_TTL_SECONDS);
}

export async function loadReport(ephemeral: EphemeralStore, id: string): Promise<TryReport | undefined> {
  if (!/^[A-Za-z0-9_-]{24}$/.test(id)) return undefined;
  return ephemeral.get<TryReport>('try_transaction', resultKey(id));
}
