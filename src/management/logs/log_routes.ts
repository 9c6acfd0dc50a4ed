import type { Request, Response } from 'express';
import { pageReply, readPagination } from '../pagination.js';
import { notFound, pathParam } from '../params.js';
import type { ManagementReply, ManagementRoute } from '../route.js';
import type { ManagementServices } from '../services.js';
import { readCheckpoint } from './log_checkpoint.js';
import { logJson } from './log_json.js';
import { readLogFilter, type LogFilter } from './log_filter.js';

async function listWith(req: Request, services: ManagementServices, filter: LogFilter): Promise<ManagementReply> {
  const pagination = readPagination(req);
  const page = await services.deps.store.logs.list(req.context.tenant.name, { ...pagination, ...filter });
  return pageReply('logs', page, pagination, logJson);
}

/**
 * With `from`, Auth0's checkpoint paging: a bare array of up to `take` events after that log_id,
 * oldest first; every other parameter is ignored, as Auth0 documents. Otherwise page / per_page,
 * newest first, filtered by `q`, `search`, `type` and `user_id`.
 */
async function list(req: Request, _res: Response, services: ManagementServices): Promise<ManagementReply> {
  const checkpoint = readCheckpoint(req.query);
  if (!checkpoint) return listWith(req, services, readLogFilter(req.query));
  const events = await services.deps.store.logs.listAfter(req.context.tenant.name, checkpoint);
  return { body: events.map(logJson) };
}

async function get(req: Request, _res: Response, { deps }: ManagementServices): Promise<ManagementReply> {
  const id = pathParam(req, 'id');
  const event = await deps.store.logs.get(req.context.tenant.name, id);
  if (!event) throw notFound('log', id);
  return { body: logJson(event) };
}

async function userLogs(req: Request, _res: Response, services: ManagementServices): Promise<ManagementReply> {
  const userId = pathParam(req, 'id');
  if (!(await services.deps.store.users.get(req.context.tenant.name, userId))) throw notFound('user', userId);
  return listWith(req, services, { userId });
}

export const logRoutes: ManagementRoute[] = [
  { method: 'get', path: '/logs', scopes: ['read:logs'], handle: list },
  { method: 'get', path: '/logs/:id', scopes: ['read:logs'], handle: get },
  { method: 'get', path: '/users/:id/logs', scopes: ['read:logs'], handle: userLogs },
];
