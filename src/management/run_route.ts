import type { Request, RequestHandler, Response } from 'express';
import { apiOperationEvent } from '../domain/api_operation_event.js';
import { AppError } from '../errors/index.js';
import { callerOf } from './caller.js';
import type { ManagementRoute } from './route.js';
import type { ManagementServices } from './services.js';
import { requestLogFacts } from '../http/request_log_facts.js';
import { refuseEmptyPatch } from './validation.js';
import { managementErrorOf } from './vault_error_answer.js';

/**
 * Runs a route's handler and sends its reply; a PATCH of an object that sends no property is
 * refused first, for every such route alike (refuseEmptyPatch). For writes it first appends Auth0's audit event:
 * `sapi` (Success API Operation) or `fapi` (Failed API Operation), with the caller's client id, the
 * method, path and status, never a body (bodies carry secrets). Writing the event before the response
 * means a caller that reads the log right after a write finds it there.
 */
export function runRoute(route: ManagementRoute, services: ManagementServices): RequestHandler {
  return async (req: Request, res: Response) => {
    let reply;
    try {
      if (route.method === 'patch' && route.body !== 'list') refuseEmptyPatch(req.body);
      reply = await route.handle(req, res, services);
    } catch (caught) {
      // The domain's failures (the vault's) become the API's errors here, once, for every route.
      const error = managementErrorOf(caught);
      if (route.audit) await audit(services, route, req, res, 'fapi', statusOf(error), describeFailure(error));
      throw error;
    }
    const status = reply.status ?? (reply.body === undefined ? 204 : 200);
    if (route.audit) await audit(services, route, req, res, 'sapi', status, reply.auditDetails);
    if (reply.body === undefined) res.status(status).end();
    else res.status(status).json(reply.body);
  };
}

async function audit(
  services: ManagementServices,
  route: ManagementRoute,
  req: Request,
  res: Response,
  type: 'sapi' | 'fapi',
  statusCode: number,
  extra: Record<string, unknown> | undefined,
): Promise<void> {
  const { clientId } = callerOf(res);
  const userId = req.path.startsWith('/users/') ? req.params.id : undefined;
  // Best effort (services.recordEvent): the write itself is done, and a missing audit line must not turn it into a failure.
  await services.recordEvent(
    apiOperationEvent(type, {
      tenant: req.context.tenant.name,
      description: route.audit?.description ?? '',
      method: req.method,
      path: `/api/v2${req.path}`,
      statusCode,
      caller: { clientId },
      userId: typeof userId === 'string' ? userId : undefined,
      ...requestLogFacts(req),
      details: extra,
    }),
  );
}

function statusOf(error: unknown): number {
  return error instanceof AppError ? error.status : 500;
}

function describeFailure(error: unknown): Record<string, unknown> {
  return error instanceof AppError && error.expose ? { error: { errorCode: error.code, message: error.description } } : {};
}
