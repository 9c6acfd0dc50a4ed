import {
  fitbitPlugin,
  type FitbitRefusalChallenge,
  type UpstreamError,
  type UpstreamErrorKind,
  type UpstreamRateLimitedError,
} from './fitbit/index.js';
import type { ConnectionPlugin, PluginErrorKind, PluginFailChallenge, PluginFailure } from './plugin.js';

/** Each plugin's error kinds are among the host's: a new kind fails the type check here, not a login. */
type Assert<T extends true> = T;
export type FitbitKindsKnown = Assert<UpstreamErrorKind extends PluginErrorKind ? true : false>;

/**
 * The Fitbit plugin's errors are PluginFailures, with every field the host reads under its declared
 * name (retryAfterSeconds on the rate-limit error): a field renamed or retyped fails here, not as a
 * login whose cause the host can no longer read. The same for its `fail` challenge.
 */
export type FitbitErrorsAreFailures = Assert<UpstreamError extends PluginFailure ? true : false>;
export type FitbitErrorsCarryEveryField = Assert<[Exclude<keyof PluginFailure, keyof UpstreamError | 'retryAfterSeconds'>] extends [never] ? true : false>;
export type FitbitRateLimitCarriesRetry = Assert<UpstreamRateLimitedError extends { readonly retryAfterSeconds: number | undefined } ? true : false>;
export type FitbitChallengeDeclared = Assert<FitbitRefusalChallenge extends PluginFailChallenge ? true : false>;

/**
 * Every connection plugin the host knows, by strategy name. A second provider is one more entry;
 * the first is the one a fresh install sets up (domain/new_connection.ts, firstPlugin).
 */
export function connectionPlugins(): ReadonlyMap<string, ConnectionPlugin> {
  const plugins: ConnectionPlugin[] = [fitbitPlugin];
  return new Map(plugins.map((plugin) => [plugin.strategy, plugin]));
}
