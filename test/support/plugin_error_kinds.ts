import type { PluginErrorKind } from '../../src/connections/plugin.js';

// A Record over the union, so that a kind added to plugin.ts fails the type check here until the
// tests that walk every kind walk it too.
const KINDS: Readonly<Record<PluginErrorKind, true>> = {
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

/** Every PluginErrorKind plugin.ts declares. */
export const PLUGIN_ERROR_KINDS = Object.keys(KINDS) as PluginErrorKind[];
