import { randomBytes } from 'node:crypto';
import type { PluginProfile, UpstreamWording } from '../../connections/plugin.js';
import type { EphemeralStore } from '../../domain/ports.js';
import type { Connection } from '../../domain/types.js';
import { toUpstreamLogin, userIdOf, type VerifiedLogin } from '../../domain/upstream_login.js';
import { successReasonOf, type LoginForecast, type LoginSuccessReason, type RootProfile, type UpstreamLogin } from '../../domain/users.js';
import { REDACTED, redactJson, redactParameters, redactUrl } from './redact.js';
import type { TryFailure } from './try_failure_explanation.js';
import type { PendingTry, TryTransaction } from './try_transaction.js';

/** The profile as the plugin normalised it: the fields PluginProfile declares, without the upstream's raw answer. */
export type NormalisedProfile = Omit<PluginProfile, '_json' | '_raw'>;

// The fields NormalisedProfile keeps, as a Record so that a field added to PluginProfile must be
// added here. Only these are shown: a strategy may put more on its profile (Passport strategies
// often do: Fitbit's the granted scopes, Strava's its athlete), which no login stores either.
const DECLARED_FIELDS: Readonly<Record<keyof NormalisedProfile, true>> = {
  provider: true,
  id: true,
  legacyUserId: true,
  displayName: true,
  name: true,
  emails: true,
  photos: true,
};

/** The root profile attributes "What a login would store" shows. */
export type StoredProfile = Pick<RootProfile, 'name' | 'nickname' | 'email' | 'picture'>;

/**
 * What a login through the same answer would store, built by the login's own mapping
 * (domain/upstream_login.ts); the permissions and the refresh token's presence are beside it in the
 * report (grantedScopes, noRefreshToken). No token: the report holds none.
 */
export interface WouldStore {
  /** The user a login of this account signs in: the one it already is (`outcome`), else the one a first login creates. */
  userId: string;
  /** The account's id at the upstream's previous API: a user who signed in there keeps their user. */
  legacyUserId?: string;
  profile: StoredProfile;
  /**
   * What a login would do, found as the login finds it (forecastLogin) and in its metric's words:
   * `new_user`, `existing_user` or `migrated_from_legacy`. Absent in a report kept by the version
   * before it, which named only the user a first login creates.
   */
  outcome?: LoginSuccessReason;
  /** The existing user's name, when it has one. */
  existingName?: string;
  /** For `migrated_from_legacy`: the APIs the identity moves between. */
  move?: { fromApi: string; toApi: string };
  /** The existing user is blocked: a login is refused. */
  blocked?: true;
}

/**
 * What a finished TRY shows: each step with secrets redacted, then what a login would store and the
 * profile ("It works!") or what went wrong. Kept for a quarter of an hour as a `try_report` record
 * under its id, for the admin who started it only; it holds no token, code or secret.
 */
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
    /** Absent in a report kept by the version before it (reports live 15 minutes). */
    wouldStore?: WouldStore;
    /**
     * Present when a login of this account would store an identity it cannot refresh: no refresh
     * token came back, and the user it signs in keeps none of the same API (LoginForecast.refreshable).
     * Why, and what such a user lacks, in the resolved upstream's wording (the sentence a login's
     * event carries in that case too).
     */
    noRefreshToken?: string;
  };
  failure?: TryFailure;
}

export const TRY_REPORT_TTL_SECONDS = 15 * 60;

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

/** The login a TRY's answer stands for, as a login maps it (domain/upstream_login.ts): what forecastLogin reads. */
export function loginOfTry(login: VerifiedLogin, connection: Connection): UpstreamLogin {
  return toUpstreamLogin(login, connection, undefined, new Date());
}

/**
 * The report of a TRY the upstream vouched for: the login's result, never stored as a user, and what
 * a login of `connection` through the same answer would store, mapped as a login maps it.
 * `wording`: the upstream's as the resolver settled it, for what is said when no refresh token came.
 * `forecast`: what the login would do with the tenant's users (forecastLogin); without it, the
 * report names the user a first login creates.
 */
export function withSuccess(
  report: TryReport,
  login: VerifiedLogin,
  connection: Connection,
  wording: Pick<UpstreamWording, 'noRefreshToken'>,
  forecast?: LoginForecast,
): TryReport {
  const stored = loginOfTry(login, connection);
  // The granted permissions are shown once, from the tokens, as a login stores them.
  const { grantedScopes } = stored.tokens;
  return {
    ...report,
    steps: {
      ...report.steps,
      // No `scope`: the plugin hands over its reading of the grant (permission names, the requested
      // ones where the upstream left `scope` out, as RFC 6749 §5.1 lets it), not what the upstream
      // sent, so a `scope` here would put fitgate's words in the upstream's mouth. The grant is shown
      // once, as granted permissions.
      tokenResponse: {
        access_token: REDACTED,
        ...(login.tokens.refreshToken && { refresh_token: REDACTED }),
        expires_in: login.tokens.expiresIn,
      },
    },
    success: {
      profile: redactJson(normalisedProfileOf(login.profile)) as NormalisedProfile,
      rawProfile: redactJson(login.profile._json),
      wouldStore: {
        userId: forecast?.userId ?? userIdOf(stored),
        ...(stored.legacyUserId !== undefined && { legacyUserId: stored.legacyUserId }),
        profile: storedProfileOf(stored.profile),
        ...(forecast && forecastFields(forecast)),
      },
      grantedScopes,
      notGranted: report.requestedScopes.filter((scope) => !grantedScopes.includes(scope)),
      // As the login's log event says it (describe_login.ts): when the identity it stores cannot be
      // refreshed, which a returning user's kept refresh token spares them (forecastLogin).
      ...(!(forecast?.refreshable ?? Boolean(stored.tokens.refreshToken)) && { noRefreshToken: wording.noRefreshToken }),
    },
  };
}

function forecastFields(forecast: LoginForecast): Pick<WouldStore, 'outcome' | 'existingName' | 'move' | 'blocked'> {
  return {
    outcome: successReasonOf(forecast),
    ...(!forecast.created && forecast.name !== undefined && { existingName: forecast.name }),
    ...(forecast.migration && { move: { fromApi: forecast.migration.fromApi, toApi: forecast.migration.toApi } }),
    ...(forecast.blocked && { blocked: true as const }),
  };
}

function storedProfileOf(root: RootProfile): StoredProfile {
  const { name, nickname, email, picture } = root;
  return {
    ...(name !== undefined && { name }),
    ...(nickname !== undefined && { nickname }),
    ...(email !== undefined && { email }),
    ...(picture !== undefined && { picture }),
  };
}

/** The declared fields of `profile` that it has (DECLARED_FIELDS), and nothing else. */
function normalisedProfileOf(profile: PluginProfile): NormalisedProfile {
  const fields = Object.keys(DECLARED_FIELDS) as Array<keyof NormalisedProfile>;
  return Object.fromEntries(fields.filter((field) => profile[field] !== undefined).map((field) => [field, profile[field]])) as NormalisedProfile;
}

export function withFailure(report: TryReport, failure: TryFailure): TryReport {
  return { ...report, failure };
}

export async function saveReport(ephemeral: EphemeralStore, report: TryReport): Promise<void> {
  await ephemeral.put('try_report', report.id, report, TRY_REPORT_TTL_SECONDS);
}

/** Undefined when unknown or expired, as for an id that cannot be one (it never reaches the store). */
export async function loadReport(ephemeral: EphemeralStore, id: string): Promise<TryReport | undefined> {
  if (!/^[A-Za-z0-9_-]{24}$/.test(id)) return undefined;
  return ephemeral.get<TryReport>('try_report', id);
}
