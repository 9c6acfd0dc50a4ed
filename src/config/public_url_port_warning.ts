import type { Config } from './config.js';
import type { ConfigWarning } from './config_warnings.js';
import { trustsAnyProxy } from './trust_proxy.js';

/**
 * The public URL names a port fitgate does not listen on: the dashboard link the start prints, the
 * issuer and every callback URL then lead nowhere. Two ways in:
 * - PORT=0 binds a port only known once listening, and the default public URL cannot follow it (it
 *   keeps port 3000, load_config.ts);
 * - FITGATE_PUBLIC_URL given with another port than PORT (`PORT=3001` with
 *   `http://localhost:3000`, or a URL without a port, which means 80 or 443), and no proxy declared
 *   (FITGATE_TRUST_PROXY). A port mapping in front (`docker run -p 8080:3000`) is the one setup
 *   where that is meant, so the warning says so; production, where mappings and load balancers are
 *   the rule, is left alone, and so is PORT=0 with a public URL given.
 * Undefined when the public URL's port is the one bound.
 * Not one of config_warnings.ts's: the bound port it names is known only once fitgate listens.
 */
export function publicUrlPortWarning(
  config: Pick<Config, 'port' | 'publicUrl' | 'publicUrlSet' | 'env' | 'trustProxy'>,
  boundPort: number,
): ConfigWarning | undefined {
  if (!config.publicUrlSet) {
    if (config.port !== 0) return undefined;
    return {
      variable: 'FITGATE_PUBLIC_URL',
      message:
        `PORT=0 without FITGATE_PUBLIC_URL: fitgate listens on port ${boundPort}, but its public URL (and so the dashboard link) ` +
        `stays ${config.publicUrl}, which does not follow the random port; set FITGATE_PUBLIC_URL to the address fitgate is reached at`,
    };
  }
  // PORT=0 with a public URL given: the caller (a test, a supervisor) chose a port it cannot know, on purpose.
  if (config.port === 0 || config.env === 'production' || trustsAnyProxy(config.trustProxy)) return undefined;
  const url = new URL(config.publicUrl);
  const publicPort = Number(url.port || (url.protocol === 'https:' ? 443 : 80));
  if (publicPort === boundPort) return undefined;
  url.port = String(boundPort);
  return {
    variable: 'FITGATE_PUBLIC_URL',
    message:
      `FITGATE_PUBLIC_URL is ${config.publicUrl}, port ${publicPort}, but fitgate listens on port ${boundPort}: the dashboard link, ` +
      `the issuer and every callback URL name a port nothing of fitgate's answers on. Set FITGATE_PUBLIC_URL=${url.origin} ` +
      `(or PORT=${publicPort}); only if a port mapping forwards ${publicPort} to ${boundPort} (docker run -p ${publicPort}:${boundPort}) is this expected`,
  };
}
