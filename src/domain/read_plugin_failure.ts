import type { PluginErrorKind, PluginFailure, RateLimitScope } from '../connections/plugin.js';

// The kinds plugin.ts declares, as a value to check against at run time. A Record over the union,
// so a kind added there and not here fails the type check.
const DECLARED_KINDS: Readonly<Record<PluginErrorKind, true>> = {
  invalid_client: true,
  unauthorized_client: true,
  redirect_uri_mismatch: true,
  access_denied: true,
  interaction_required: true,
  invalid_grant: true,
  invalid_scope: true,
  invalid_token: true,
  insufficient_scope: true,
  invalid_request: true,
  account_unusable: true,
  api_not_enabled: true,
  gone: true,
  rate_limited: true,
  conflict: true,
  unavailable: true,
  timeout: true,
  bad_response: true,
  invalid_id_token: true,
  upstream_error: true,
};

/** Every PluginErrorKind plugin.ts declares (the tests that walk every kind read it too). */
export const PLUGIN_ERROR_KINDS = Object.keys(DECLARED_KINDS) as PluginErrorKind[];

function isDeclaredKind(kind: unknown): kind is PluginErrorKind {
  return typeof kind === 'string' && Object.hasOwn(DECLARED_KINDS, kind);
}

// The rate-limit scopes plugin.ts declares, a Record for the same reason as DECLARED_KINDS.
const DECLARED_SCOPES: Readonly<Record<RateLimitScope, true>> = { user: true, client: true };

function isDeclaredScope(scope: unknown): scope is RateLimitScope {
  return typeof scope === 'string' && Object.hasOwn(DECLARED_SCOPES, scope);
}

/**
 * The host's one reader of a plugin's failure (PluginFailure in connections/plugin.ts): whatever a
 * token client rejected with, a strategy passed to Passport, or a plugin hook returned. Plugins are
 * matched structurally and import nothing of the host, so this reads the declared fields, not a
 * class. Undefined when `error` is no plugin failure (no kind, or one plugin.ts does not declare):
 * fitgate's own error, or a plugin breaking the contract, which callers treat as unexplained
 * rather than trusting its other fields. The result holds only the declared fields, each only
 * when it has the declared type, so callers may print what they get.
 */
export function readPluginFailure(error: unknown): PluginFailure | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const fields = error as Record<string, unknown>;
  if (!isDeclaredKind(fields.kind)) return undefined;
  const failure: { -readonly [K in keyof PluginFailure]: PluginFailure[K] } = { kind: fields.kind };
  if (typeof fields.status === 'number' && Number.isFinite(fields.status)) failure.status = fields.status;
  const retryAfter = fields.retryAfterSeconds;
  if (typeof retryAfter === 'number' && Number.isFinite(retryAfter) && retryAfter >= 0) failure.retryAfterSeconds = retryAfter;
  if (isDeclaredScope(fields.rateLimitScope)) failure.rateLimitScope = fields.rateLimitScope;
  if (typeof fields.operation === 'string' && fields.operation !== '') failure.operation = fields.operation;
  if (typeof fields.upstreamCode === 'string') failure.upstreamCode = fields.upstreamCode;
  if (typeof fields.upstreamMessage === 'string') failure.upstreamMessage = fields.upstreamMessage;
  if (typeof fields.message === 'string' && fields.message !== '') failure.message = fields.message;
  return failure;
}

/**
 * The user's refusal a strategy's `fail` carries as its `error` (PluginFailChallenge). Undefined
 * for a challenge without one: Passport's own fail, passport-oauth2's state check.
 */
export function readFailChallenge(challenge: unknown): PluginFailure | undefined {
  if (typeof challenge !== 'object' || challenge === null) return undefined;
  return readPluginFailure((challenge as { error?: unknown }).error);
}
