import type { Config } from './config.js';
import { toConfigError, withoutBlanks } from './load_config.js';
import { environmentSchema } from './schema.js';

/** Where fitgate will listen: its public listener and, when on, the metrics listener. */
export type ListenAddresses = Pick<Config, 'port' | 'host' | 'metricsPort' | 'metricsHost'>;

const listenSchema = environmentSchema.pick({ PORT: true, FITGATE_HOST: true, FITGATE_METRICS_PORT: true, FITGATE_METRICS_HOST: true });

/**
 * The listen settings alone, read without anything else loadConfig does: start-up checks that the
 * ports are free before the configuration is loaded, since loading it generates the secret files of
 * a new data directory. A bad value is the same ConfigError loadConfig would throw.
 */
export function listenAddresses(environment: Record<string, string | undefined>): ListenAddresses {
  const parsed = listenSchema.safeParse(withoutBlanks(environment));
  if (!parsed.success) throw toConfigError(parsed.error);
  const env = parsed.data;
  return Object.freeze({ port: env.PORT, host: env.FITGATE_HOST, metricsPort: env.FITGATE_METRICS_PORT, metricsHost: env.FITGATE_METRICS_HOST });
}
