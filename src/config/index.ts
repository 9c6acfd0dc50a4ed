import type { Config } from './config.js';
import { listenAddresses, type ListenAddresses } from './listen_addresses.js';
import { loadConfig, type LoadConfigOptions } from './load_config.js';
import { SECRET_SETTINGS } from './secret_settings.js';
import { withSharedSecrets, type SharedSecrets } from './shared_secrets.js';

export type { Config, RateLimits, RateLimitWindow, SecretSource } from './config.js';
export type { ConfigWarning } from './config_warnings.js';
export type { TlsCredentials } from './tls_credentials.js';
export type { UnknownSetting } from './unknown_settings.js';
export { describeUnknownSetting } from './unknown_settings.js';
export { listenAddresses, type ListenAddresses } from './listen_addresses.js';
export { ConfigError } from './config_error.js';
export { trustsAnyProxy } from './trust_proxy.js';
export { isAddressHost, isTwoLabelHost } from './apex_host.js';
export { NoFitgateDataError } from './generated_secret.js';
export { loadConfig, type LoadConfigOptions } from './load_config.js';
export { SECRET_SETTINGS, secretsUnset, withoutSecrets, type SecretSetting } from './secret_settings.js';
export { sharedSecrets, type SharedSecrets } from './shared_secrets.js';

/**
 * The one place that reads the process environment, once per process: the secret settings are
 * deleted from it as they are read (takeEnvironment). A cluster worker passes the secrets its
 * primary sent: they are used as given in their variables (the worker never reads or generates the
 * files in the data directory), without ever being in the worker's environment, and `secretsFrom`
 * still says where the primary found them.
 */
export function configFromProcess(shared?: SharedSecrets, options: LoadConfigOptions = {}): Config {
  const environment = takeEnvironment();
  if (!shared) return loadConfig(environment, options);
  const config = loadConfig(withSharedSecrets(environment, shared), options);
  return Object.freeze({ ...config, secretsFrom: shared.from });
}

/**
 * The listen settings of the process environment, read before the configuration: checking the
 * ports first needs them before loading the configuration writes anything (listen_addresses.ts).
 */
export function listenAddressesFromProcess(): ListenAddresses {
  return listenAddresses(takeEnvironment());
}

/**
 * The secret settings taken out of the process environment, and kept here instead: a later read in
 * the same process sees what the first one did (unless the variable was set again since), rather
 * than silently a configuration without them (no REDIS_URL: the embedded store).
 */
const taken: Record<string, string> = {};

/**
 * The process environment, after which the secret settings are deleted from the environment
 * itself: nothing fitgate starts inherits them (cluster.fork and child_process copy process.env),
 * nor does a diagnostic report (process.report) show them. Out of reach is the block the process
 * was started with: the kernel keeps it, and /proc/PID/environ of this process still shows it. A
 * process started without them, as every cluster worker is, never had them there.
 */
function takeEnvironment(): Record<string, string | undefined> {
  for (const name of SECRET_SETTINGS) {
    const value = process.env[name];
    if (value === undefined) continue;
    taken[name] = value;
    delete process.env[name];
  }
  return { ...process.env, ...taken };
}
