import { Router, type Request, type Response } from 'express';
import type { Config } from '../../config/index.js';
import type { Store } from '../../store/store.js';
import { MAX_APPLICATION_NAME_LENGTH, parseApplicationName } from '../../domain/application_name.js';
import { originProblem, redirectUrlProblem } from '../../domain/application_urls.js';
import { withBackchannelLogoutUrls } from '../../domain/backchannel_logout_urls.js';
import type { CalledUrlReach } from '../../domain/called_url_reach.js';
import { isPublicClient } from '../../domain/client_confidentiality.js';
import { rotateClientSecret } from '../../domain/clients.js';
import { updateClient } from '../../domain/client_updates.js';
import { deleteApplication } from '../../domain/application_removal.js';
import { CONFIG_CHANGES, configChange } from '../../domain/config_changes.js';
import { createApplication } from '../../domain/new_application.js';
import { NotFoundInStoreError, type Sealer } from '../../domain/ports.js';
import { publicClientRotationProblem } from '../../domain/token_lifetimes.js';
import { issuerOf, tenantUrl } from '../../domain/tenants.js';
import type { Client } from '../../domain/types.js';
import { NotFoundError } from '../../errors/index.js';
import { applicationConnectionsRoutes, connectionsSection } from './application_connections_routes.js';
import { APP_TYPE_LABELS, isAppType } from './app_types.js';
import { BACKCHANNEL_LOGOUT_FIELD, backchannelLogoutField, storedBackchannelLogoutProblem, storedBackchannelLogoutText } from './backchannel_logout_field.js';
import { grantTypeBoxes, GRANT_TYPES_FIELD, grantTypesField, grantTypesShownFields, withGrantTypeChanges } from './grant_types_field.js';
import { keptName } from './kept_name.js';
import { showsLoginFields } from './login_fields.js';
import { NAME_INPUT_MAX_LENGTH } from './name_input.js';
import { holdsUnexpectedGrant, managementApiRoutes, managementApiSection, managementApiStateOf, type ManagementApiState } from './management_api_routes.js';
import { logConfigChange } from '../config_change_log.js';
import { checkboxField, rawField, textField, type FieldErrors } from '../form_fields.js';
import { answerSubmission, formTokenOf, newFormToken, submitOnce } from '../form_once.js';
import { pageLinks, pageOf, PER_PAGE } from '../paging.js';
import { keepForOneView, takeForOneView } from '../shown_once.js';
import { shownUrlLists, withShownUrlLists } from './shown_url_lists.js';
import { renderPage } from '../views.js';

/** What the credentials page shows once after a creation or a rotation. */
interface NewCredentials {
  event: 'created' | 'rotated';
  clientSecret?: string;
}

/**
 * /manage/t/:tenant/applications: list, create, settings, secret rotation, deletion and an
 * application's access to the Management API (management_api_routes.ts). Every POST
 * answers with a redirect (Post/Redirect/Get), so reloading a page never creates or rotates twice,
 * and the creation or rotation form sent twice makes one application or one secret (form_once.ts).
 * A client secret is shown on exactly one view, of the credentials page a creation or rotation
 * redirects to; until then it waits sealed in the admin's session, never in a URL. The store keeps
 * only its hash. Every change is made on the application as stored (changeClient: updateClient),
 * never on the copy the page was shown from, so a change made meanwhile on another worker stays.
 * `reach` says where a back-channel logout URL may lead on this server (calledUrlReach).
 */
export function applicationsRoutes(store: Store, sealer: Sealer, config: Pick<Config, 'publicUrl' | 'baseHost'>, reach: () => CalledUrlReach): Router {
  const router = Router({ mergeParams: true });
  const tenantOf = (res: Response) => res.locals.managedTenant!.name;
  const tenantAddressOf = (res: Response) => tenantUrl(config, tenantOf(res));
  const addressOf = (res: Response) => sdkAddress(tenantAddressOf(res));
  const credentialsKey = (client: Client) => `application:${client.tenant}:${client.clientId}`;
  const pathOf = (req: Request, client: Client, suffix = '') => `${req.baseUrl}/${encodeURIComponent(client.clientId)}${suffix}`;

  async function findClient(res: Response, clientId: string | undefined): Promise<Client> {
    const client = clientId ? await store.clients.get(tenantOf(res), clientId) : undefined;
    if (!client) throw new NotFoundError('This tenant has no such application.');
    return client;
  }

  // A page at a time, oldest first as the store keeps them, as the users list pages: every
  // application is reachable, however many the Management API made.
  router.get('/', async (req, res) => {
    const page = pageOf(req.query.page);
    const { items, total } = await store.clients.list(tenantOf(res), { page, perPage: PER_PAGE });
    const deleted = typeof req.query.deleted === 'string' ? req.query.deleted : undefined;
    // Marked in the list: a grant the application's type does not explain is worth a look.
    const unexpectedGrants = items.filter(holdsUnexpectedGrant).map((client) => client.clientId);
    const paging = pageLinks(page, total, {});
    renderPage(res, 'applications', { title: 'Applications', section: 'applications', applications: items, labels: APP_TYPE_LABELS, deleted, unexpectedGrants, paging });
  });

  router.get('/new', (_req, res) => {
    renderPage(res, 'application_new', { title: 'Create application', section: 'applications', labels: APP_TYPE_LABELS, maxNameLength: MAX_APPLICATION_NAME_LENGTH, nameInputMaxLength: NAME_INPUT_MAX_LENGTH, formToken: newFormToken() });
  });

  router.post('/', async (req, res) => {
    const typedName = textField(req.body, 'name');
    const name = parseApplicationName(typedName);
    // Not trimmed: a radio button's value is exact, so "spa " comes from a crafted post, and
    // POST /api/v2/clients refuses it too.
    const appType = rawField(req.body, 'app_type');
    const errors: FieldErrors = {};
    if (!name.ok) errors.name = nameError(name.problem);
    if (!isAppType(appType)) errors.app_type = appType === '' ? 'Choose the kind of application.' : 'Choose the kind of application: the one sent is none of those listed.';
    if (!name.ok || !isAppType(appType)) {
      const data = { title: 'Create application', section: 'applications', labels: APP_TYPE_LABELS, maxNameLength: MAX_APPLICATION_NAME_LENGTH, nameInputMaxLength: NAME_INPUT_MAX_LENGTH, name: typedName, appType, errors, formToken: formTokenOf(req.body) };
      return renderPage(res, 'application_new', data, 400);
    }
    // The form sent twice (a double click, Back and Create again) makes one application, and both
    // posts lead to its credentials page, which shows the secret on its one view as ever.
    const submission = { form: 'application', tenant: tenantOf(res), fields: [name.name, appType] };
    const answer = await submitOnce(store, res, submission, async () => {
      // Enabled on every connection of the tenant when it signs users in (Auth0's enable_client_connections):
      // every type but machine to machine, by the grant types the dashboard gives it.
      const { client, clientSecret } = await createApplication(store, { tenant: tenantOf(res), name: name.name, appType });
      await logConfigChange(store, req, res, { ...configChange(CONFIG_CHANGES.createClient), details: { client_id: client.clientId } });
      keepForOneView(req, sealer, credentialsKey(client), { event: 'created', ...(clientSecret && { clientSecret }) } satisfies NewCredentials);
      return pathOf(req, client, '/credentials');
    });
    answerSubmission(res, answer, { href: req.baseUrl, text: 'Applications' });
  });

  /** The application's page: its settings form, its Connections section, and its Management API section in `api`'s state. */
  async function showApplication(res: Response, client: Client, extra: Record<string, unknown>, api: ManagementApiState = {}, status = 200): Promise<void> {
    const managementApi = managementApiSection(client, tenantAddressOf(res), api);
    const connections = await connectionsSection(store, client, res.req.query.connection_changed);
    renderPage(res, 'application', settingsPage(client, { address: addressOf(res), errors: storedUrlProblems(client, reach()), managementApi, connections, ...extra }), status);
  }

  router.get('/:clientId', async (req, res) => {
    const client = await findClient(res, req.params.clientId);
    await showApplication(res, client, { saved: req.query.saved === '1' }, managementApiStateOf(req.query));
  });

  router.post('/:clientId', async (req, res) => {
    const client = await findClient(res, req.params.clientId);
    const typedName = textField(req.body, 'name');
    const name = parseApplicationName(typedName);
    // Undefined when the page had no such field (showsLoginFields: a machine-to-machine application
    // without authorization_code has none): the stored URL is then kept as it is. So are the URL
    // lists the page did not show (shownUrlLists).
    const backchannel = showsLoginFields(client) ? backchannelLogoutField(req.body, reach()) : undefined;
    const lists = shownUrlLists(req.body, client);
    // Undefined when the form had no Grant Types (an older page): the stored ones are then kept.
    // Otherwise only the boxes the admin changed on the page, whatever the application holds now.
    const grantTypes = grantTypesField(req.body, client);
    const typed = {
      name: typedName,
      callbacksText: lists.callbacks?.text ?? client.callbacks.join('\n'),
      logoutText: lists.allowed_logout_urls?.text ?? client.allowedLogoutUrls.join('\n'),
      webOriginsText: lists.web_origins?.text ?? (client.webOrigins ?? []).join('\n'),
      allowedOriginsText: lists.allowed_origins?.text ?? (client.allowedOrigins ?? []).join('\n'),
      backchannelText: backchannel?.text ?? storedBackchannelLogoutText(client),
      grantTypes: grantTypes?.ticked ?? client.grantTypes,
    };
    const errors: FieldErrors = {};
    if (!name.ok) errors.name = nameError(name.problem);
    for (const [field, list] of Object.entries(lists)) if (!list.result.ok) errors[field] = list.result.message;
    if (backchannel && !backchannel.result.ok) errors[BACKCHANNEL_LOGOUT_FIELD] = backchannel.result.message;
    if (grantTypes && !grantTypes.result.ok) errors[GRANT_TYPES_FIELD] = grantTypes.result.message;
    // The form changes neither the method nor the policy, and the Management API stores no public
    // non-rotating client: only one stored before the rule is refused here, until it rotates.
    const rotation = rotationError(client);
    if (rotation) errors.refresh_token = rotation;
    if (!name.ok || Object.keys(errors).length > 0) {
      return showApplication(res, client, { errors, typed }, {}, 400);
    }
    // The form's fields replace the stored ones, and its grant type boxes change what the admin
    // changed; the rest (the secret, a grant, the lists the page did not show, every other grant
    // type) is kept as stored now, not as read for this page: a rotation, a revocation or a grant
    // type changed meanwhile on another worker or through the Management API stays.
    await changeClient(res, client.clientId, (current) => {
      const withGrants = grantTypes?.result.ok ? withGrantTypeChanges(current, grantTypes.result.changes) : current;
      const changed: Client = {
        ...withShownUrlLists(withGrants, lists),
        name: keptName(current.name, name.name),
        updatedAt: new Date().toISOString(),
      };
      // The URL only: back-channel logout initiators, which the form does not show, stay as the API set them.
      return backchannel?.result.ok ? withBackchannelLogoutUrls(changed, backchannel.result.urls) : changed;
    });
    await logConfigChange(store, req, res, configChange(CONFIG_CHANGES.updateClient, { id: client.clientId }));
    res.redirect(303, pathOf(req, client, '?saved=1'));
  });

  router.get('/:clientId/credentials', async (req, res) => {
    const client = await findClient(res, req.params.clientId);
    const shown = takeForOneView<NewCredentials>(req, sealer, credentialsKey(client));
    // Reloaded, bookmarked or opened in another tab: the secret was already shown once.
    if (!shown) return res.redirect(303, pathOf(req, client));
    renderPage(res, 'application_secret', {
      title: client.name,
      section: 'applications',
      client,
      address: addressOf(res),
      clientSecret: shown.clientSecret,
      rotated: shown.event === 'rotated',
    });
  });

  router.get('/:clientId/rotate-secret', async (req, res) => {
    const client = await confidentialClient(res, req.params.clientId);
    renderPage(res, 'application_rotate', { title: `Rotate the secret of ${client.name}`, section: 'applications', client, formToken: newFormToken() });
  });

  router.post('/:clientId/rotate-secret', async (req, res) => {
    const client = await confidentialClient(res, req.params.clientId);
    if (!checkboxField(req.body, 'confirm')) {
      const errors = { confirm: 'Tick the box to confirm that the current secret may stop working now.' };
      const data = { title: `Rotate the secret of ${client.name}`, section: 'applications', client, errors, formToken: formTokenOf(req.body) };
      return renderPage(res, 'application_rotate', data, 400);
    }
    // The form sent twice (a double click, Back and Rotate again) rotates once: a second rotation
    // would replace the secret the browser shows. Both posts lead to the credentials page, which
    // shows the secret on its one view as ever.
    const answer = await submitOnce(store, res, { form: 'client-secret', tenant: client.tenant, fields: [client.clientId] }, async () => {
      const { clientSecret } = await rotateClientSecret(store.clients, client.tenant, client.clientId, noSecretToRotate).catch(notFoundAsPage);
      await logConfigChange(store, req, res, configChange(CONFIG_CHANGES.rotateClientSecret, { id: client.clientId }));
      keepForOneView(req, sealer, credentialsKey(client), { event: 'rotated', clientSecret } satisfies NewCredentials);
      return pathOf(req, client, '/credentials');
    });
    answerSubmission(res, answer, { href: pathOf(req, client), text: client.name });
  });

  router.get('/:clientId/delete', async (req, res) => {
    const client = await findClient(res, req.params.clientId);
    renderPage(res, 'application_delete', { title: `Delete ${client.name}`, section: 'applications', client });
  });

  router.post('/:clientId/delete', async (req, res) => {
    const client = await findClient(res, req.params.clientId);
    await deleteApplication(store, client.tenant, client.clientId);
    await logConfigChange(store, req, res, configChange(CONFIG_CHANGES.deleteClient, { id: client.clientId }));
    res.redirect(303, `${req.baseUrl}?deleted=${encodeURIComponent(client.name)}`);
  });

  router.use(applicationConnectionsRoutes(store, findClient));

  router.use(managementApiRoutes(store, findClient, changeClient, (res, client, api, status) => showApplication(res, client, {}, api, status)));

  async function confidentialClient(res: Response, clientId: string | undefined): Promise<Client> {
    const client = await findClient(res, clientId);
    if (isPublicClient(client)) throw noSecretToRotate();
    return client;
  }

  /** updateClient on one of the tenant's applications (domain/client_updates.ts); the not-found page when it is gone. */
  function changeClient(res: Response, clientId: string, change: (current: Client) => Client): Promise<Client> {
    return updateClient(store.clients, tenantOf(res), clientId, change).catch(notFoundAsPage);
  }

  return router;
}

function noSecretToRotate(): NotFoundError {
  return new NotFoundError('This application is public and has no secret to rotate.');
}

/** An application deleted between the page's read and its write: the page an unknown one gets. */
function notFoundAsPage(error: unknown): never {
  throw error instanceof NotFoundInStoreError ? new NotFoundError('This tenant has no such application.') : error;
}

/**
 * Where an application's SDK points, beside its Client ID: Auth0's SDKs take the tenant's host as
 * their domain, OpenID Connect libraries its issuer. A tenant served under a path has no domain of
 * its own, only the issuer.
 */
function sdkAddress(tenantAddress: string): { domain?: string; issuer: string } {
  const url = new URL(tenantAddress);
  return { ...(url.pathname === '/' && { domain: url.host }), issuer: issuerOf(tenantAddress) };
}

/** The name rule's problem in the form's words. */
function nameError(problem: string): string {
  return `The name ${problem}: give the application a name of 1 to ${MAX_APPLICATION_NAME_LENGTH} visible characters, without < or >.`;
}

function settingsPage(client: Client, extra: Record<string, unknown>) {
  return {
    title: client.name,
    section: 'applications',
    maxNameLength: MAX_APPLICATION_NAME_LENGTH,
    nameInputMaxLength: NAME_INPUT_MAX_LENGTH,
    client,
    typeLabel: APP_TYPE_LABELS[client.appType],
    loginFields: showsLoginFields(client),
    hasSecret: !isPublicClient(client),
    storedBackchannelText: storedBackchannelLogoutText(client),
    grantTypeBoxes: grantTypeBoxes(client),
    grantTypesShown: grantTypesShownFields(client),
    ...extra,
  };
}

/**
 * URLs saved before the application URL rule existed (or through an older version) that sign-in
 * and sign-out now refuse, shown next to their field so the admin knows what to replace.
 */
function storedUrlProblems(client: Client, reach: CalledUrlReach): FieldErrors {
  const stored: [string, readonly string[], (url: string) => string | undefined][] = [
    ['callbacks', client.callbacks, (url) => redirectUrlProblem(url, client.appType)],
    ['allowed_logout_urls', client.allowedLogoutUrls, (url) => redirectUrlProblem(url, client.appType)],
    ['web_origins', client.webOrigins ?? [], originProblem],
    ['allowed_origins', client.allowedOrigins ?? [], originProblem],
  ];
  const errors: FieldErrors = {};
  for (const [field, urls, problemOf] of stored) {
    const refused = urls.map((url) => ({ url, problem: problemOf(url) })).find((entry) => entry.problem);
    if (refused) errors[field] = `Saved earlier, and refused at sign-in and sign-out until replaced: ${refused.url}: ${refused.problem}.`;
  }
  const backchannel = storedBackchannelLogoutProblem(client, reach);
  if (backchannel) errors[BACKCHANNEL_LOGOUT_FIELD] = backchannel;
  const rotation = rotationError(client);
  if (rotation) errors.refresh_token = rotation;
  return errors;
}

/**
 * The form's words for a public application with non-rotating refresh tokens (saved before fitgate
 * refused them: publicClientRotationProblem). The form has no refresh token setting, so it names the
 * Management API call that fixes it.
 */
function rotationError(client: Client): string | undefined {
  if (!publicClientRotationProblem(client)) return undefined;
  return (
    'This application is public (it has no client secret) and its refresh tokens do not rotate, which fitgate refuses: ' +
    `set refresh_token.rotation_type to rotating (PATCH /api/v2/clients/${client.clientId} with {"refresh_token":{"rotation_type":"rotating"}}), then save again.`
  );
}
