import type { Config } from './config.js';
import { loadConfig } from './load_config.js';

export type { Config, RateLimits, RateLimitWindow, SecretSource } from './config.js';
export type { UnknownSetting } from './unknown_settings.js';
export { ConfigError } from './config_error.js';
export { loadConfig } from './load_config.js';

/** The one place that reads the process environment. */
export function configFromProcess(): Config {
  return loadConfig(process.env);
}
