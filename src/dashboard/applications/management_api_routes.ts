import { Router, type Request, type Response } from 'express';
import { managementApiAudience } from '../../domain/tenants.js';
import { CONFIG_CHANGES, configChange } from '../../domain/config_changes.js';
import { clientGrantId, clientGrantRefusal, hasClientGrant, withClientGrant } from '../../domain/client_grants.js';
import { isConfidentialAppType } from '../../domain/client_confidentiality.js';
import { isManagementApiScope, MANAGEMENT_API_SCOPES } from '../../domain/management_scopes.js';
import type { Client } from '../../domain/types.js';
import type { Store } from '../../store/store.js';
import { logConfigChange } from '../config_change_log.js';
import { checkboxField, listField, textField, type FieldErrors } from '../form_fields.js';
import { renderPage } from '../views.js';
import { inStoredOrder } from '../stored_order.js';
import { APP_TYPE_LABELS } from './app_types.js';
import { inListOrder, SCOPE_GROUPS } from './management_api_scopes.js';

/** What a save or a revocation says once the page is shown again (the `management_api` query parameter). */
const NOTICES = ['authorized', 'updated', 'revoked', 'not-authorized'] as const;
export type ManagementApiNotice = (typeof NOTICES)[number];

/** How the section is shown: the grant as stored unless a refused form, a notice or select all / none says otherwise. */
export interface ManagementApiState {
  /** The boxes the admin ticked in a refused form (instead of the grant's scopes). */
  ticked?: readonly string[];
  errors?: FieldErrors;
  notice?: ManagementApiNotice;
  /** "Select all" and "Select none" are links that reload the page with every box ticked or none. */
  selection?: 'all' | 'none';
}

/** Stands in for the secret in the token command: the dashboard never renders a client secret. */
export const SECRET_PLACEHOLDER = 'YOUR_CLIENT_SECRET';

/** Reads the notice and the selection a redirect or a select link put in the query. */
export function managementApiStateOf(query: Request['query']): ManagementApiState {
  const notice = NOTICES.find((name) => name === query.management_api);
  const selection = query.select === 'all' || query.select === 'none' ? query.select : undefined;
  return { ...(notice && { notice }), ...(selection && { selection }) };
}

/**
 * The Management API section of an application's page: Auth0's APIs tab, for the one API a tenant
 * serves. A confidential application (machine-to-machine, or regular web: Auth0 lists both on an
 * API's Machine to Machine Applications tab) is offered it; a single-page or native one, public in
 * Auth0's terms, gets a one-line note, unless it holds a grant all the same (made through
 * /api/v2/client-grants, or kept from when it had another type): a grant that works is never
 * hidden, and the section then says so plainly and offers its Revoke.
 */
export function managementApiSection(client: Client, tenantAddress: string, state: ManagementApiState = {}) {
  const confidentialType = isConfidentialAppType(client.appType);
  const granted = hasClientGrant(client);
  // The notice stays: a revocation that took away the only reason to show the section says it is done.
  if (!confidentialType && !granted) return { applies: false as const, notice: state.notice };
  const audience = managementApiAudience(tenantAddress);
  const ticked = state.selection === 'all' ? [...MANAGEMENT_API_SCOPES] : state.selection === 'none' ? [] : [...(state.ticked ?? client.managementScopes)];
  return {
    applies: true as const,
    confidentialType,
    typeLabel: APP_TYPE_LABELS[client.appType],
    /** Whether /oauth/token lets it use the grant now (its grant types allow client_credentials). */
    clientCredentialsAllowed: client.grantTypes.includes('client_credentials'),
    refusal: clientGrantRefusal(client),
    granted,
    grantedScopes: client.managementScopes,
    ticked,
    groups: SCOPE_GROUPS,
    errors: state.errors ?? {},
    notice: state.notice,
    selection: state.selection,
    audience,
    tokenCommand: tokenCommand(tenantAddress, client.clientId, audience),
    secretPlaceholder: SECRET_PLACEHOLDER,
  };
}

/** Whether the application holds a Management API grant although it is single-page or native (marked in the list). */
export function holdsUnexpectedGrant(client: Client): boolean {
  return !isConfidentialAppType(client.appType) && hasClientGrant(client);
}

/** Shows the application's page again, with the Management API section in the given state. */
export type ShowApplication = (res: Response, client: Client, state: ManagementApiState, status: number) => void;

/** A change to one of the tenant's applications, made on it as stored (domain/client_updates.ts). */
export type ChangeClient = (res: Response, clientId: string, change: (current: Client) => Client) => Promise<Client>;

/**
 * POST /:clientId/management-api (authorize, or update the permissions) and
 * /:clientId/management-api/revoke: the same client grant records and rules as POST, PATCH and
 * DELETE /api/v2/client-grants (domain/client_grants.ts), logged as those calls. The dashboard adds
 * two rules of its own: only an application of a confidential type (regular web,
 * machine-to-machine) is authorized here (a grant held by any other can still be updated and
 * revoked), and a grant saved here holds at least one permission, since a token that allows
 * nothing is never what an admin ticking boxes means (Revoke takes the access away).
 *
 * Each decision is made on the application as stored when it is written (changeClient), not on the
 * page's read: a stale tab, or a change made meanwhile on another worker, is seen instead of undone.
 */
export function managementApiRoutes(
  store: Store,
  findClient: (res: Response, clientId: string | undefined) => Promise<Client>,
  changeClient: ChangeClient,
  showApplication: ShowApplication,
): Router {
  const router = Router({ mergeParams: true });
  const pageOf = (req: Request, client: Client, notice: ManagementApiNotice) =>
    `${req.baseUrl}/${encodeURIComponent(client.clientId)}?management_api=${notice}#management-api`;
  const grantOf = (client: Client) => ({ id: clientGrantId(client.clientId) });

  /** The page that says why nothing was changed. */
  function refuse(req: Request, res: Response, client: Client, why: string): void {
    renderPage(
      res,
      'message',
      {
        title: 'This application cannot call the Management API',
        section: 'applications',
        message: `${why} Nothing was changed.`,
        link: { href: `${req.baseUrl}/${encodeURIComponent(client.clientId)}`, text: `Back to ${client.name}` },
      },
      400,
    );
  }

  router.post('/:clientId/management-api', async (req, res) => {
    const shown = await findClient(res, req.params.clientId);
    // The form says what it was shown as: a stale tab must not undo a revocation (or a grant) made meanwhile.
    const intent = textField(req.body, 'intent');
    const chosen = listField(req.body, 'scope');
    const known = chosen.filter(isManagementApiScope);
    const unknown = chosen.find((scope) => !isManagementApiScope(scope));
    // In the list's order, a grant's scopes already held where they stand (as the API may have stored them).
    const scopes = (current: Client) => inStoredOrder(inListOrder(known), current.managementScopes);

    let outcome: { refused: string } | { problem: { status: number; message: string } } | { saved: 'authorized' | 'updated' } | undefined;
    const client = await changeClient(res, shown.clientId, (current) => {
      outcome = decideGrantSave(current, intent, known, unknown);
      if (!('saved' in outcome)) return current;
      return withClientGrant(current, scopes(current), new Date());
    });
    if (outcome === undefined) throw new Error('the grant save was never decided');
    if ('refused' in outcome) return refuse(req, res, client, outcome.refused);
    if ('problem' in outcome) return showApplication(res, client, { ticked: known, errors: { scope: outcome.problem.message } }, outcome.problem.status);
    await logConfigChange(
      store,
      req,
      res,
      {
        ...(outcome.saved === 'updated' ? configChange(CONFIG_CHANGES.updateClientGrant, grantOf(client)) : configChange(CONFIG_CHANGES.createClientGrant)),
        details: { client_id: client.clientId, scope: client.managementScopes },
      },
    );
    res.redirect(303, pageOf(req, client, outcome.saved));
  });

  router.post('/:clientId/management-api/revoke', async (req, res) => {
    const shown = await findClient(res, req.params.clientId);
    if (!checkboxField(req.body, 'confirm')) {
      // Revoked meanwhile: the admin's goal is met, and there is nothing to confirm.
      if (!hasClientGrant(shown)) return res.redirect(303, pageOf(req, shown, 'not-authorized'));
      const errors = { confirm: 'Tick the box to confirm that the application’s tokens stop working now.' };
      return showApplication(res, shown, { errors }, 400);
    }
    // Any application holding a grant may lose it here, whatever its type: a grant that works is
    // never one the dashboard cannot take away.
    let held = false;
    const client = await changeClient(res, shown.clientId, (current) => {
      held = hasClientGrant(current);
      return held ? withClientGrant(current, undefined, new Date()) : current;
    });
    // Revoked meanwhile: the admin's goal is met, and there is no change to log.
    if (!held) return res.redirect(303, pageOf(req, client, 'not-authorized'));
    await logConfigChange(store, req, res, { ...configChange(CONFIG_CHANGES.deleteClientGrant, grantOf(client)), details: { client_id: client.clientId } });
    res.redirect(303, pageOf(req, client, 'revoked'));
  });

  return router;
}

/**
 * What a save of the permissions form does to the application as stored: refused outright (a
 * public application; a new grant for a single-page or native one), shown again with a problem, or
 * saved as a new grant or an update of the one it holds.
 */
function decideGrantSave(
  client: Client,
  intent: string,
  known: readonly string[],
  unknown: string | undefined,
): { refused: string } | { problem: { status: number; message: string } } | { saved: 'authorized' | 'updated' } {
  const granted = hasClientGrant(client);
  if (!granted && !isConfidentialAppType(client.appType)) {
    return {
      refused: `Only regular web and machine-to-machine applications call the Management API, and ${client.name} is of type ${APP_TYPE_LABELS[client.appType]}, which runs where it cannot keep a secret. Use a regular web or machine-to-machine application instead.`,
    };
  }
  const refusal = clientGrantRefusal(client);
  if (refusal) return { refused: `${refusal}: ${client.name} is public and has no secret to prove itself with.` };
  if (intent === 'authorize' && granted) {
    return {
      problem: {
        status: 409,
        message: `${client.name} was authorized meanwhile (in another tab or through the Management API), with ${describeScopes(client.managementScopes)}. The boxes show your choice: press Update permissions to replace its permissions with them.`,
      },
    };
  }
  if (intent === 'update' && !granted) {
    return {
      problem: {
        status: 409,
        message: `${client.name}'s access to the Management API was revoked meanwhile (in another tab or through the Management API). Press Authorize to authorize it again with the permissions ticked.`,
      },
    };
  }
  if (unknown !== undefined) return { problem: { status: 400, message: `There is no permission ${JSON.stringify(unknown)}: tick permissions from the list.` } };
  if (known.length === 0) {
    return {
      problem: {
        status: 400,
        message: granted
          ? 'Tick at least one permission. To take the application’s access away, use Revoke access below.'
          : 'Tick at least one permission: a token without any allows nothing.',
      },
    };
  }
  return { saved: granted ? 'updated' : 'authorized' };
}

function describeScopes(scopes: readonly string[]): string {
  return scopes.length === 0 ? 'no permission' : scopes.join(', ');
}

/**
 * The command that gets a token, to paste into a POSIX shell as it is shown: the JSON is built by
 * JSON.stringify rather than by hand and each argument is single-quoted, so no value is ever read by
 * the shell; the secret is a placeholder.
 */
function tokenCommand(tenantAddress: string, clientId: string, audience: string): string {
  const fields = { grant_type: 'client_credentials', client_id: clientId, client_secret: SECRET_PLACEHOLDER, audience };
  // One field a line, as docs/management-api.md writes it: it reads at a glance and wraps less on a phone.
  const body = `{${Object.entries(fields)
    .map(([name, value]) => `${JSON.stringify(name)}:${JSON.stringify(value)}`)
    .join(',\n       ')}}`;
  return [`curl -s ${shellQuoted(`${tenantAddress}/oauth/token`)} \\`, "  -H 'content-type: application/json' \\", `  -d ${shellQuoted(body)}`].join('\n');
}

function shellQuoted(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}
