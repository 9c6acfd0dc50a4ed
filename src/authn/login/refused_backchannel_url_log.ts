import type { Logger } from 'pino';

/** How many refused URLs a process remembers having logged; past it, it forgets them and starts over. */
const REMEMBERED = 1000;
const logged = new Set<string>();

/** A registered back-channel logout URL refused before sending (never sent). */
export interface RefusedUrl {
  tenant: string;
  clientId: string;
  url: string;
  /** Why, as calledUrlProblem or calledAddressProblem says it. */
  problem: string;
}

/**
 * Logs that a client's back-channel logout URL breaks the rule of URLs fitgate calls, once per process
 * for each tenant, client and URL: the refusal comes back at every session the client hears of (and
 * ending a user's sessions can be called many times a second), its reason does not change. Names the
 * host, never the token nor the URL's path and query, which may hold a secret of the receiver's.
 */
export function logRefusedUrlOnce(logger: Pick<Logger, 'warn'>, refused: RefusedUrl): void {
  const key = `${refused.tenant}\n${refused.clientId}\n${refused.url}`;
  if (logged.has(key)) return;
  if (logged.size >= REMEMBERED) logged.clear();
  logged.add(key);
  logger.warn(
    { tenant: refused.tenant, client_id: refused.clientId, host: hostOf(refused.url), reason: refused.problem },
    'back-channel logout: the registered URL breaks the rule of URLs fitgate calls; nothing sent (logged once per URL)',
  );
}

function hostOf(url: string): string | undefined {
  return URL.canParse(url) ? new URL(url).host : undefined;
}
