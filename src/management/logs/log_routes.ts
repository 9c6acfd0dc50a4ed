import type { Request, Response } from 'express';
import { FIELD_PARAMS, readFieldSelection, selectFields, type FieldSelection } from '../fields.js';
import { PAGE_PARAMS, pageReply, readPagination } from '../pagination.js';
import { notFound, pathParam } from '../params.js';
import type { ManagementReply, ManagementRoute } from '../route.js';
import type { ManagementServices } from '../services.js';
import { readCheckpoint } from './log_checkpoint.js';
import { logJson } from './log_json.js';
import { LOG_FILTER_PARAMS, readLogFilter, type LogFilter } from './log_filter.js';
import { readLogSort } from './log_sort.js';

/** Every top-level property logJson may answer with: what `fields` may name. */
const LOG_FIELDS: readonly string[] = [
  'log_id', 'date', 'type', 'description', 'client_id', 'client_name', 'connection', 'user_id', 'user_name', 'ip', 'user_agent',
  'hostname', 'strategy', 'strategy_type', 'connection_id', 'details',
];

async function listWith(req: Request, services: ManagementServices, filter: LogFilter, fields?: FieldSelection): Promise<ManagementReply> {
  const pagination = readPagination(req);
  const sort = readLogSort(req.query);
  const page = await services.deps.store.logs.list(req.context.tenant.name, { ...pagination, ...filter, ...sort });
  return pageReply('logs', page, pagination, (event) => selectFields(logJson(event), fields));
}

/**
 * With `from`, Auth0's checkpoint paging: a bare array of up to `take` events after that log_id,
 * oldest first; every other parameter is ignored, as Auth0 documents. Otherwise page / per_page,
 * newest first (or oldest, sort=date:1), filtered by `q`, `search`, `type` and `user_id`, narrowed
 * by `fields`.
 */
async function list(req: Request, _res: Response, services: ManagementServices): Promise<ManagementReply> {
  const checkpoint = readCheckpoint(req.query);
  if (!checkpoint) return listWith(req, services, readLogFilter(req.query), readFieldSelection(req.query, LOG_FIELDS));
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
  { method: 'get', path: '/logs', scopes: ['read:logs'], query: [...PAGE_PARAMS, ...FIELD_PARAMS, ...LOG_FILTER_PARAMS, 'sort'], handle: list },
  { method: 'get', path: '/logs/:id', scopes: ['read:logs'], handle: get },
  // Auth0's parameters here: paging and sort (no filters, no fields).
  { method: 'get', path: '/users/:id/logs', scopes: ['read:logs', 'read:logs_users'], query: [...PAGE_PARAMS, 'sort'], handle: userLogs },
];
