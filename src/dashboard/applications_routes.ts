import { Router, type Response } from 'express';
import type { Store } from '../store/store.js';
import { createClient, rotateClientSecret, isPublicClient } from '../domain/clients.js';
import type { Client } from '../domain/types.js';
import { NotFoundError } from '../errors/index.js';
import { APP_TYPE_LABELS, isAppType } from './app_types.js';
import { textField, type FieldErrors } from './form_fields.js';
import { parseUrlList } from './url_list.js';
import { renderPage } from './views.js';

const MAX_NAME_LENGTH = 100;

/**
 * /manage/t/:tenant/applications: list, create, settings, secret rotation and deletion. A client
 * secret appears in exactly two responses, the one answering its creation and the one answering its
 * rotation; the store keeps only its hash.
 */
export function applicationsRoutes(store: Store): Router {
  const router = Router({ mergeParams: true });
  const tenantOf = (res: Response) => res.locals.managedTenant!.name;

  async function findClient(res: Response, clientId: string | undefined): Promise<Client> {
    const client = clientId ? await store.clients.get(tenantOf(res), clientId) : undefined;
    if (!client) throw new NotFoundError('This tenant has no such application.');
    return client;
  }

  router.get('/', async (req, res) => {
    const { items } = await store.clients.list(tenantOf(res), { page: 0, perPage: 100 });
    const deleted = typeof req.query.deleted === 'string' ? req.query.deleted : undefined;
    renderPage(res, 'applications', { title: 'Applications', section: 'applications', applications: items, labels: APP_TYPE_LABELS, deleted });
  });

  router.get('/new', (_req, res) => {
    renderPage(res, 'application_new', { title: 'Create application', section: 'applications', labels: APP_TYPE_LABELS });
  });

  router.post('/', async (req, res) => {
    const name = textField(req.body, 'name');
    const appType = textField(req.body, 'app_type');
    const errors: FieldErrors = {};
    if (!name || name.length > MAX_NAME_LENGTH) errors.name = `Give the application a name of 1 to ${MAX_NAME_LENGTH} characters.`;
    if (!isAppType(appType)) errors.app_type = 'Choose the kind of application.';
    if (Object.keys(errors).length > 0 || !isAppType(appType)) {
      const data = { title: 'Create application', section: 'applications', labels: APP_TYPE_LABELS, name, appType, errors };
      return renderPage(res, 'application_new', data, 400);
    }
    const { client, clientSecret } = await createClient(store.clients, { tenant: tenantOf(res), name, appType });
    renderPage(res, 'application_secret', { title: name, section: 'applications', client, clientSecret, created: true }, 201);
  });

  router.get('/:clientId', async (req, res) => {
    const client = await findClient(res, req.params.clientId);
    renderPage(res, 'application', settingsPage(client, { saved: req.query.saved === '1' }));
  });

  router.post('/:clientId', async (req, res) => {
    const client = await findClient(res, req.params.clientId);
    const name = textField(req.body, 'name');
    const callbacksText = textField(req.body, 'callbacks');
    const logoutText = textField(req.body, 'allowed_logout_urls');
    const callbacks = parseUrlList(callbacksText, client.appType);
    const logoutUrls = parseUrlList(logoutText, client.appType);
    const errors: FieldErrors = {};
    if (!name || name.length > MAX_NAME_LENGTH) errors.name = `Give the application a name of 1 to ${MAX_NAME_LENGTH} characters.`;
    if (!callbacks.ok) errors.callbacks = callbacks.message;
    if (!logoutUrls.ok) errors.allowed_logout_urls = logoutUrls.message;
    if (!callbacks.ok || !logoutUrls.ok || errors.name) {
      const typed = { name, callbacksText, logoutText };
      return renderPage(res, 'application', settingsPage(client, { errors, typed }), 400);
    }
    await store.clients.update({
      ...client,
      name,
      callbacks: callbacks.urls,
      allowedLogoutUrls: logoutUrls.urls,
      updatedAt: new Date().toISOString(),
    });
    res.redirect(303, `${req.baseUrl}/${encodeURIComponent(client.clientId)}?saved=1`);
  });

  router.post('/:clientId/rotate-secret', async (req, res) => {
    const client = await findClient(res, req.params.clientId);
    if (isPublicClient(client)) throw new NotFoundError('This application is public and has no secret to rotate.');
    const clientSecret = await rotateClientSecret(store.clients, client);
    renderPage(res, 'application_secret', { title: client.name, section: 'applications', client, clientSecret, rotated: true });
  });

  router.get('/:clientId/delete', async (req, res) => {
    const client = await findClient(res, req.params.clientId);
    renderPage(res, 'application_delete', { title: `Delete ${client.name}`, section: 'applications', client });
  });

  router.post('/:clientId/delete', async (req, res) => {
    const client = await findClient(res, req.params.clientId);
    await store.clients.delete(client.tenant, client.clientId);
    await forgetEnabledClient(store, client);
    res.redirect(303, `${req.baseUrl}?deleted=${encodeURIComponent(client.name)}`);
  });

  return router;
}

function settingsPage(client: Client, extra: Record<string, unknown>) {
  return {
    title: client.name,
    section: 'applications',
    client,
    typeLabel: APP_TYPE_LABELS[client.appType],
    hasSecret: !isPublicClient(client),
    ...extra,
  };
}

/** A deleted application leaves no trace in the connections it was enabled for. */
async function forgetEnabledClient(store: Store, client: Client): Promise<void> {
  for (const connection of await store.connections.list(client.tenant)) {
    if (!connection.enabledClients.includes(client.clientId)) continue;
    const enabledClients = connection.enabledClients.filter((id) => id !== client.clientId);
    await store.connections.update({ ...connection, enabledClients, updatedAt: new Date().toISOString() });
  }
}
