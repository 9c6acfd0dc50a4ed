import type { Request } from 'express';
import type { AppDeps } from '../app_deps.js';
import { recordLogEvent, type LogEventInput } from '../domain/log_events.js';

export type RequestEvent = Omit<LogEventInput, 'tenant' | 'ip' | 'userAgent'>;

/**
 * Records an Auth0-coded event about this request, adding the tenant, IP and user agent. Best
 * effort: a log store that fails is reported to the process log and never changes the answer.
 */
export async function recordRequestEvent(deps: Pick<AppDeps, 'store' | 'logger'>, req: Request, event: RequestEvent): Promise<void> {
  const userAgent = req.get('user-agent');
  try {
    await recordLogEvent(deps.store, {
      ...event,
      tenant: req.context.tenant.name,
      ...(req.ip === undefined ? {} : { ip: req.ip }),
      ...(userAgent === undefined ? {} : { userAgent }),
    });
  } catch (error) {
    deps.logger.warn({ err: error, type: event.type }, 'could not record a log event');
  }
}
