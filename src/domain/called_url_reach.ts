import type { Config } from '../config/index.js';
import { INTERNAL_ADDRESS_DESCRIPTIONS, internalAddressKind, isThisHostAddress } from './internal_addresses.js';

/**
 * Where a URL fitgate posts to itself (a back-channel logout URL) may lead besides the internet. Such
 * a URL is chosen by a tenant admin or a machine-to-machine client, neither of whom runs this host:
 * pointed at loopback or a private network, it would make fitgate post to a service nobody exposed to
 * them (a container API, a service mesh agent, a cloud metadata endpoint).
 */
export interface CalledUrlReach {
  /**
   * Whether this host and private networks may be called: FITGATE_BACKCHANNEL_ALLOW_INTERNAL, on by
   * default in development and test, where the receiver is a local app.
   */
  readonly internal: boolean;
  /** fitgate's own listeners, never called on this host even when `internal` is: port → which. */
  readonly ownPorts: ReadonlyMap<number, string>;
}

export const ALLOW_INTERNAL_SETTING = 'FITGATE_BACKCHANNEL_ALLOW_INTERNAL';

/**
 * The reach of this process: its setting, and its own ports (PORT, the port it really listens on when
 * PORT is 0, and FITGATE_METRICS_PORT). `internalBaseUrl` is AppDeps.internalBaseUrl(): empty until
 * the server listens.
 */
export function calledUrlReach(
  config: Pick<Config, 'backchannelAllowInternal' | 'port' | 'metricsPort'>,
  internalBaseUrl = '',
): CalledUrlReach {
  const ownPorts = new Map<number, string>();
  const listening = URL.canParse(internalBaseUrl) ? Number(new URL(internalBaseUrl).port) : 0;
  for (const port of [config.port, listening]) if (port) ownPorts.set(port, 'own listener');
  if (config.metricsPort) ownPorts.set(config.metricsPort, 'metrics listener');
  return { internal: config.backchannelAllowInternal, ownPorts };
}

/**
 * Why a URL fitgate calls may not lead to `hostname` (as the URL parser leaves it: IPv6 in brackets)
 * on `port`; undefined when it may. A name other than localhost is judged once resolved, at each
 * call (calledAddressProblem): only then is its address known.
 */
export function calledHostProblem(hostname: string, port: number, reach: CalledUrlReach): string | undefined {
  const name = hostname.toLowerCase().replace(/\.$/, '');
  // RFC 6761 §6.3: localhost and every *.localhost name are this host's, whatever a resolver says.
  if (name === 'localhost' || name.endsWith('.localhost')) return problemOf(hostname, 'a name of this host', true, port, reach);
  return calledAddressProblem(hostname, port, reach);
}

/**
 * Why fitgate may not connect to `address` on `port` for a URL it calls; undefined when it may.
 * `shownAs` names it in the message: the URL's host, or "name (resolved to address)".
 */
export function calledAddressProblem(address: string, port: number, reach: CalledUrlReach, shownAs = address): string | undefined {
  const kind = internalAddressKind(address);
  if (kind === undefined) return undefined;
  return problemOf(shownAs, INTERNAL_ADDRESS_DESCRIPTIONS[kind], isThisHostAddress(address), port, reach);
}

function problemOf(shownAs: string, description: string, thisHost: boolean, port: number, reach: CalledUrlReach): string | undefined {
  const own = thisHost ? reach.ownPorts.get(port) : undefined;
  if (own) return `must not point at fitgate itself (fitgate calls this URL itself: port ${port} on ${shownAs} is its ${own})`;
  if (reach.internal) return undefined;
  return `must point at a public host (fitgate calls this URL itself: ${shownAs} is ${description}, which this server calls only when ${ALLOW_INTERNAL_SETTING} is on)`;
}

/** The port a web URL connects to: the one written, or its scheme's. */
export function connectPort(url: URL): number {
  if (url.port) return Number(url.port);
  return url.protocol === 'http:' ? 80 : 443;
}
