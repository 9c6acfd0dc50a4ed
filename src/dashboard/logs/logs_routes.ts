import { Router } from 'express';
import type { Store } from '../../store/store.js';
import { LOG_EVENT_TYPES } from '../../domain/log_events.js';
import { eventApplications } from './event_applications.js';
import { InvalidQueryParameterError, pageLinks, pageOf, PER_PAGE } from '../paging.js';
import { renderPage } from '../views.js';

/** /manage/t/:tenant/logs: the tenant's log events, newest first, filtered by type and user. */
export function logsRoutes(store: Store): Router {
  const router = Router({ mergeParams: true });

  router.get('/', async (req, res) => {
    const tenant = res.locals.managedTenant!.name;
    const type = logTypeOf(req.query.type);
    const user = typeof req.query.user === 'string' ? req.query.user.trim().slice(0, 300) : '';
    const page = pageOf(req.query.page);
    const query = { page, perPage: PER_PAGE, ...(type && { type }), ...(user && { userId: user }) };
    const [{ items, total }, connections] = await Promise.all([store.logs.list(tenant, query), store.connections.list(tenant)]);
    const applications = await eventApplications(store, tenant, items);
    renderPage(res, 'logs', {
      title: 'Logs',
      section: 'logs',
      events: items.map((event, index) => ({ ...event, application: applications[index] })),
      labels: LOG_EVENT_TYPES,
      filters: { type, user },
      // User ids are "<connection>|<upstream id>": the hint shows the tenant's own first connection.
      userIdHint: `${connections[0]?.name ?? 'connection'}|...`,
      paging: pageLinks(page, total, { ...(type && { type }), ...(user && { user }) }),
    });
  });

  return router;
}

/**
 * The `type` filter: absent or empty means every type. Anything else must be a type the Type list
 * offers, and is refused by name like a wrong `page` (paging.ts): shown every type instead, an admin
 * who typed or bookmarked a wrong one would take the list for what they asked.
 */
function logTypeOf(value: unknown): string {
  if (value === undefined || value === '') return '';
  if (typeof value === 'string' && Object.hasOwn(LOG_EVENT_TYPES, value)) return value;
  throw new InvalidQueryParameterError(
    `The query parameter type must be one of the log event types the Type list offers (${Object.keys(LOG_EVENT_TYPES).join(', ')}), or left out for every type.`,
  );
}
