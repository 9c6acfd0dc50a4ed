import type { Config } from './config.js';
import { loadConfig, type LoadConfigOptions } from './load_config.js';

export type { Config, RateLimits, RateLimitWindow, SecretSource } from './config.js';
export type { UnknownSetting } from './unknown_settings.js';
export { ConfigError } from './config_error.js';
export { NoFitgateDataError } from './generated_secret.js';
export { loadConfig, type LoadConfigOptions } from './load_config.js';

/**
 * The master keys (base64) and session secrets as text, and where they came from: what a cluster
 * primary, which read or generated them once, hands each worker over its IPC channel.
 */
export interface SharedSecrets {
  readonly masterKeys: readonly string[];
  readonly sessionSecrets: readonly string[];
  readonly from: Config['secretsFrom'];
}

/**
 * The one place that reads the process environment. A cluster worker passes the secrets its primary
 * sent: they are used as given in their variables (the worker never reads or generates the files in
 * the data directory), without ever being in the worker's environment, and `secretsFrom` still says
 * where the primary found them.
 */
export function configFromProcess(shared?: SharedSecrets, options: LoadConfigOptions = {}): Config {
  if (!shared) return loadConfig(process.env, options);
  const config = loadConfig({
    ...process.env,
    FITGATE_MASTER_KEY: shared.masterKeys.join(','),
    FITGATE_SESSION_SECRETS: shared.sessionSecrets.join(','),
  }, options);
  return Object.freeze({ ...config, secretsFrom: shared.from });
}

/** The secrets of `config` as a primary hands them to its workers. */
export function sharedSecrets(config: Config): SharedSecrets {
  return {
    masterKeys: config.masterKeys.map((key) => key.toString('base64')),
    sessionSecrets: [...config.sessionSecrets],
    from: config.secretsFrom,
  };
}
