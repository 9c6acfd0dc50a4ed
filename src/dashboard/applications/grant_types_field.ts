import { isConfidentialAppType } from '../../domain/clients.js';
import { distinctGrantTypes, GRANT_TYPES, grantTypesFor, isGrantType, type GrantType } from '../../domain/grant_types.js';
import type { Client } from '../../domain/types.js';
import { listField, type FormBody } from '../form_fields.js';
import { APP_TYPE_LABELS } from './app_types.js';

export const GRANT_TYPES_FIELD = 'grant_types';
/**
 * Sent by every settings form that shows the Grant Types. An unticked box is absent from a form,
 * so without this a form that had no boxes (an older page, a forged post) would read as every
 * grant type unticked, and take them all away.
 */
export const GRANT_TYPES_SHOWN_FIELD = 'grant_types_shown';

/** Auth0's names for the grant types, and what each lets the application do here. */
export const GRANT_TYPE_LABELS: Readonly<Record<GrantType, { label: string; hint: string }>> = {
  authorization_code: {
    label: 'Authorization Code',
    hint: 'Sign users in through /authorize, then exchange the code at /oauth/token (the code flow, with or without PKCE). Every login needs it.',
  },
  implicit: {
    label: 'Implicit',
    hint: 'An id_token straight from /authorize: response_type id_token and code id_token (express-openid-connect’s default). Untick it if the application only uses the code flow: nobody can then ask for an id_token in its name through the browser.',
  },
  refresh_token: {
    label: 'Refresh Token',
    hint: 'A refresh token with a login that asks for offline_access, exchanged at /oauth/token for new tokens without the user. Unticked, offline_access is dropped.',
  },
  client_credentials: {
    label: 'Client Credentials',
    hint: 'Tokens for the application itself, asked for with its Client ID and Client Secret: what the Management API section below authorizes.',
  },
};

/** The boxes the application's page shows: those of its type (grantTypesFor), and any other it holds, to untick. */
export function shownGrantTypes(client: Client): GrantType[] {
  const offered = grantTypesFor(client);
  return GRANT_TYPES.filter((grantType) => offered.includes(grantType) || client.grantTypes.includes(grantType));
}

/** Whether the page shows this box although the application's type has no use for it (set through the Management API). */
export function isHeldOnly(client: Client, grantType: GrantType): boolean {
  return !grantTypesFor(client).includes(grantType);
}

/** The boxes as the form carried them: the ticked ones to show again, and the verdict. */
export interface GrantTypesField {
  ticked: string[];
  result: { ok: true; grantTypes: GrantType[] } | { ok: false; message: string };
}

/**
 * The Grant Types as posted for `client` (the application the page was shown for), or undefined
 * when the form carried none (GRANT_TYPES_SHOWN_FIELD): the stored ones are then kept. Each ticked
 * value must be a grant type fitgate knows (GRANT_TYPES, the Management API's rule) and one of the
 * boxes the page shows: a forged post cannot give a single-page application client_credentials,
 * which the page never offers it.
 */
export function grantTypesField(body: FormBody, client: Client): GrantTypesField | undefined {
  if (body?.[GRANT_TYPES_SHOWN_FIELD] === undefined) return undefined;
  const ticked = listField(body, GRANT_TYPES_FIELD);
  const unknown = ticked.find((value) => !isGrantType(value));
  if (unknown !== undefined) return { ticked, result: { ok: false, message: `There is no grant type ${JSON.stringify(unknown)}: tick grant types from the list.` } };
  const shown = shownGrantTypes(client);
  const known = distinctGrantTypes(ticked.filter(isGrantType));
  const refused = known.find((grantType) => !shown.includes(grantType));
  if (refused !== undefined) return { ticked, result: { ok: false, message: `${GRANT_TYPE_LABELS[refused].label} does not apply to this application: ${whyNot(client, refused)}.` } };
  return { ticked, result: { ok: true, grantTypes: known } };
}

function whyNot(client: Client, grantType: GrantType): string {
  const type = APP_TYPE_LABELS[client.appType];
  if (grantType !== 'client_credentials') return `it is of type ${type}, which signs no user in`;
  if (!isConfidentialAppType(client.appType)) return `it is of type ${type}, which runs where it cannot keep a secret`;
  return 'it has no client secret (it is public), and /oauth/token refuses client_credentials to a public application';
}

/**
 * `current` (the application as stored now) with the boxes the page showed (`shown`) as ticked:
 * each ticked one in, each unticked one out, and every grant type the page did not show kept as it
 * is. Those already held keep their place; a new one comes last, as the Management API stores the
 * list it is given.
 */
export function withTickedGrantTypes(current: Client, shown: readonly GrantType[], ticked: readonly GrantType[]): Client {
  const kept = current.grantTypes.filter((grantType) => !(shown as readonly string[]).includes(grantType) || (ticked as readonly string[]).includes(grantType));
  const added = ticked.filter((grantType) => !kept.includes(grantType));
  return { ...current, grantTypes: [...kept, ...added] };
}
