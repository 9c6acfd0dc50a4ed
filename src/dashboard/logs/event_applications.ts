import type { LogEvent } from '../../domain/types.js';
import type { Store } from '../../store/store.js';

/**
 * What the Logs page's Application column shows for an event: the application's name, or, when no
 * application of the tenant has its client id any more (deleted, or an id a caller made up), that id.
 */
export type EventApplication = { readonly name: string } | { readonly goneId: string };

/**
 * The application of each event that names one. A login's event carries the name it had then; an
 * API call's (a Management API write, a failed token exchange) only the client id, so its name is
 * read from the store, once per distinct id on the page, not once per row.
 */
export async function eventApplications(store: Pick<Store, 'clients'>, tenant: string, events: readonly LogEvent[]): Promise<Array<EventApplication | undefined>> {
  const unnamed = [...new Set(events.flatMap((event) => (event.clientName || !event.clientId ? [] : [event.clientId])))];
  const found = await Promise.all(unnamed.map(async (clientId) => [clientId, (await store.clients.get(tenant, clientId))?.name] as const));
  const names = new Map(found);
  return events.map((event) => {
    if (event.clientName) return { name: event.clientName };
    if (!event.clientId) return undefined;
    const name = names.get(event.clientId);
    return name === undefined ? { goneId: event.clientId } : { name };
  });
}
