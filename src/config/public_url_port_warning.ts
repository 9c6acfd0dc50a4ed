import type { Config } from './config.js';
import type { ConfigWarning } from './config_warnings.js';

/**
 * PORT=0 binds a port only known once listening, and the default public URL cannot follow it (it
 * keeps port 3000, load_config.ts): the dashboard link, the issuer and every callback URL then name a
 * port nothing listens on. Undefined when FITGATE_PUBLIC_URL was given, or PORT named the port.
 * Not one of config_warnings.ts's: the bound port it names is known only once fitgate listens.
 */
export function publicUrlPortWarning(config: Pick<Config, 'port' | 'publicUrl' | 'publicUrlSet'>, boundPort: number): ConfigWarning | undefined {
  if (config.port !== 0 || config.publicUrlSet) return undefined;
  return {
    variable: 'FITGATE_PUBLIC_URL',
    message:
      `PORT=0 without FITGATE_PUBLIC_URL: fitgate listens on port ${boundPort}, but its public URL (and so the dashboard link) ` +
      `stays ${config.publicUrl}, which does not follow the random port; set FITGATE_PUBLIC_URL to the address fitgate is reached at`,
  };
}
