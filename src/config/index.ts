import type { Config } from './config.js';
import { loadConfig } from './load_config.js';

export type { Config, RateLimits, RateLimitWindow } from './config.js';
export { ConfigError } from './config_error.js';
export { loadConfig } from './load_config.js';

/** The one place that reads the process environment. */
export function configFromProcess(): Config {
  return loadConfig(process.env);
}
