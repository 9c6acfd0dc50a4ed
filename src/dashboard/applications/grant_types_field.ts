import {
  distinctGrantTypes,
  GRANT_TYPES,
  grantTypesFor,
  grantTypeVerdict,
  isGrantType,
  isHoldRefusal,
  TOKEN_VAULT_GRANT_TYPE,
  type GrantType,
  type GrantTypeRefusal,
} from '../../domain/grant_types.js';
import type { Client } from '../../domain/types.js';
import { listField, textField, type FormBody } from '../form_fields.js';
import { APP_TYPE_LABELS } from './app_types.js';

export const GRANT_TYPES_FIELD = 'grant_types';
/**
 * Sent by every settings form that shows the Grant Types: the boxes it shows, comma-separated. An
 * unticked box is absent from a form, so without this a form that had no boxes (an older page, a
 * forged post) would read as every grant type unticked, and take them all away; and it names the
 * boxes as they were when the page was made, not as the application's type has them when it is saved.
 */
const GRANT_TYPES_SHOWN_FIELD = 'grant_types_shown';
/** Sent with it: the boxes that were ticked when the page was made (the grant types the application held then). */
const GRANT_TYPES_HELD_FIELD = 'grant_types_held';

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
  [TOKEN_VAULT_GRANT_TYPE]: {
    label: 'Token Vault',
    hint: 'A user’s access token at a connection’s upstream, always fresh, for one of the application’s refresh tokens of that user, asked for at /oauth/token with its Client Secret (Auth0 SDKs’ getAccessTokenForConnection). Never on by default.',
  },
};

/** The boxes the application's page shows: those of its type (grantTypesFor), and any other it holds, to untick. */
export function shownGrantTypes(client: Client): GrantType[] {
  const offered = grantTypesFor(client);
  return GRANT_TYPES.filter((grantType) => offered.includes(grantType) || client.grantTypes.includes(grantType));
}

/** A box of the Grant Types: the grant type, Auth0's name for it, and the words beside it. */
export interface GrantTypeBox {
  value: GrantType;
  label: string;
  hint: string;
}

/**
 * The boxes the application's page shows (shownGrantTypes). One held though the rule refuses it
 * (grantTypeVerdict) says why instead of what it does: that the application may not hold it, when
 * so (its settings are then saved only once it is unticked), else that the dashboard does not offer
 * it to the type. Not that the type has no use for it: held, it works (an authorization_code held by
 * a machine-to-machine application lets users sign in to it: signsUsersIn).
 */
export function grantTypeBoxes(client: Client): GrantTypeBox[] {
  return shownGrantTypes(client).map((grantType) => {
    const verdict = grantTypeVerdict(client, grantType);
    const { label, hint } = GRANT_TYPE_LABELS[grantType];
    if (verdict.allowed) return { value: grantType, label, hint };
    const binding = verdict.reasons.find(isHoldRefusal);
    return {
      value: grantType,
      label,
      hint:
        binding === undefined
          ? 'set through the Management API, though the dashboard does not offer it to this type of application. Untick it to take it away.'
          : `held though ${whyNot(client, grantType, binding)}. Untick it: the settings are saved only without it.`,
    };
  });
}

/** The hidden fields that say which boxes a page shows, and which of them were ticked when it was made. */
export function grantTypesShownFields(client: Client): Record<typeof GRANT_TYPES_SHOWN_FIELD | typeof GRANT_TYPES_HELD_FIELD, string> {
  const shown = shownGrantTypes(client);
  return {
    [GRANT_TYPES_SHOWN_FIELD]: shown.join(','),
    [GRANT_TYPES_HELD_FIELD]: shown.filter((grantType) => client.grantTypes.includes(grantType)).join(','),
  };
}

/** What the admin changed on the page: boxes ticked that were not, and boxes unticked that were. */
export interface GrantTypeChanges {
  added: GrantType[];
  removed: GrantType[];
}

/** The boxes as the form carried them: the grant types to show ticked again, and the verdict. */
export interface GrantTypesField {
  ticked: string[];
  result: { ok: true; changes: GrantTypeChanges } | { ok: false; message: string };
}

/**
 * The Grant Types as posted for `client` (the application as read for this save), or undefined when
 * the form showed none (GRANT_TYPES_SHOWN_FIELD absent, as on a page from before the boxes, or
 * naming no grant type): the stored ones are then kept.
 *
 * Only what the admin changed is taken: each box the page showed that is now ticked and was not
 * when the page was made (GRANT_TYPES_HELD_FIELD) is added, each it showed that was ticked and is
 * not is taken away, and every other grant type stays as stored when the save is written
 * (withGrantTypeChanges). So a grant type the Management API added or took away between the page's
 * making and its save stays so, whether or not the page had a box for it.
 *
 * Each ticked value must be a grant type fitgate knows (GRANT_TYPES, the Management API's rule), and
 * one added must be one the rule allows the application now (grantTypeVerdict, which decides the
 * boxes offered: a forged post cannot give a single-page application client_credentials, which the
 * page never offers it). Nor may the result hold one the application may not hold (the rule's hold
 * refusals, the Management API's too): a public application that holds client_credentials, stored
 * before that rule, shows the box ticked, and is saved once it is unticked. The refusal gives the
 * rule's reason (refusedGrantType).
 */
export function grantTypesField(body: FormBody, client: Client): GrantTypesField | undefined {
  const shown = postedGrantTypes(body, GRANT_TYPES_SHOWN_FIELD);
  if (shown === undefined || shown.length === 0) return undefined;
  const held = postedGrantTypes(body, GRANT_TYPES_HELD_FIELD)?.filter((grantType) => shown.includes(grantType)) ?? shown.filter((grantType) => client.grantTypes.includes(grantType));
  const posted = listField(body, GRANT_TYPES_FIELD);
  const known = distinctGrantTypes(posted.filter(isGrantType));
  const changes: GrantTypeChanges = {
    added: shown.filter((grantType) => known.includes(grantType) && !held.includes(grantType)),
    removed: shown.filter((grantType) => held.includes(grantType) && !known.includes(grantType)),
  };
  // Shown again on a refusal: the application as this save would leave it, the admin's changes made.
  const ticked = withGrantTypeChanges(client, changes).grantTypes;
  const unknown = posted.find((value) => !isGrantType(value));
  if (unknown !== undefined) return { ticked, result: { ok: false, message: `There is no grant type ${JSON.stringify(unknown)}: tick grant types from the list.` } };
  const refused = refusedGrantType(client, known, held, ticked);
  if (refused !== undefined) {
    const why = whyNot(client, refused.grantType, refused.reason);
    return { ticked, result: { ok: false, message: `${GRANT_TYPE_LABELS[refused.grantType].label} does not apply to this application: ${why}.` } };
  }
  return { ticked, result: { ok: true, changes } };
}

/** The grant types a comma-separated hidden field names, those fitgate knows; undefined when the form has no such field. */
function postedGrantTypes(body: FormBody, field: string): GrantType[] | undefined {
  if (body?.[field] === undefined) return undefined;
  return distinctGrantTypes(
    textField(body, field)
      .split(',')
      .map((value) => value.trim())
      .filter(isGrantType),
  );
}

/**
 * The first grant type the save is refused for, and the reason to give (grantTypeVerdict): one added
 * that the rule refuses, with its first reason (the type's, if any: a secret would not make the page
 * offer it); else one the result would hold that the application may not hold, with that reason.
 */
function refusedGrantType(client: Client, known: GrantType[], held: GrantType[], ticked: string[]): { grantType: GrantType; reason: GrantTypeRefusal } | undefined {
  for (const grantType of known.filter((added) => !held.includes(added))) {
    const verdict = grantTypeVerdict(client, grantType);
    if (!verdict.allowed) return { grantType, reason: verdict.reasons[0] };
  }
  for (const grantType of ticked.filter(isGrantType)) {
    const verdict = grantTypeVerdict(client, grantType);
    const binding = verdict.allowed ? undefined : verdict.reasons.find(isHoldRefusal);
    if (binding !== undefined) return { grantType, reason: binding };
  }
  return undefined;
}

/**
 * Each reason of the rule in the admin's words, for this application. A Record, so that a new reason
 * cannot go unexplained. A user grant refused to a machine-to-machine application names what the
 * dashboard offers that type, not that it signs no user in: its grant types say that (signsUsersIn),
 * and one the Management API gave authorization_code does.
 */
const WHY_NOT: Readonly<Record<GrantTypeRefusal, (client: Client, grantType: GrantType) => string>> = {
  signs_no_user_in: (client) => `it is of type ${APP_TYPE_LABELS[client.appType]}, for which the dashboard offers ${offeredGrantTypes(client)}`,
  keeps_no_secret: (client) => `it is of type ${APP_TYPE_LABELS[client.appType]}, which runs where it cannot keep a secret`,
  public_client: (_client, grantType) => `it has no client secret (it is public), and /oauth/token refuses ${grantType} to a public application`,
};

function whyNot(client: Client, grantType: GrantType, reason: GrantTypeRefusal): string {
  return WHY_NOT[reason](client, grantType);
}

/** The boxes the rule offers this application (grantTypesFor), by Auth0's names: "Client Credentials only", say. */
function offeredGrantTypes(client: Client): string {
  const offered = grantTypesFor(client).map((grantType) => GRANT_TYPE_LABELS[grantType].label);
  return offered.length === 0 ? 'no grant type' : `${offered.join(', ')} only`;
}

/**
 * `current` (the application as stored now) with the admin's `changes` made: each grant type taken
 * away out, each added in, and every other kept as it is. Those already held keep their place; a new
 * one comes last, as the Management API stores the list it is given.
 */
export function withGrantTypeChanges(current: Client, changes: GrantTypeChanges): Client {
  const kept = current.grantTypes.filter((grantType) => !(changes.removed as readonly string[]).includes(grantType));
  const added = changes.added.filter((grantType) => !kept.includes(grantType));
  return { ...current, grantTypes: [...kept, ...added] };
}
