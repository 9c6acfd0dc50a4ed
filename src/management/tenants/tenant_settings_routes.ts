import type { Request } from 'express';
import { CONFIG_CHANGES } from '../../domain/config_changes.js';
import type { SessionLifetimes } from '../../domain/session_lifetimes.js';
import { tenantLogoutUrlLists } from '../../domain/tenant_logout_urls.js';
import { changeTenantSettings } from '../../domain/tenant_settings_changes.js';
import { BadRequestError } from '../../errors/index.js';
import { assertApplicationUrls } from '../clients/client_url_check.js';
import { FIELD_PARAMS, readFieldSelection, selectFields } from '../fields.js';
import type { ManagementReply, ManagementRoute } from '../route.js';
import type { ManagementServices } from '../services.js';
import { parseBody } from '../validation.js';
import { tenantSettingsJson } from './tenant_settings_json.js';
import { updateTenantSettingsBody, type UpdateTenantSettingsBody } from './tenant_settings_schemas.js';

/** Every top-level property tenantSettingsJson may answer with: what `fields` may name. */
const TENANT_SETTINGS_FIELDS: readonly string[] = ['idle_session_lifetime', 'session_lifetime', 'allowed_logout_urls'];

/** The settings of the tenant whose host the call came to, narrowed by fields / include_fields. */
async function get(req: Request): Promise<ManagementReply> {
  const selection = readFieldSelection(req.query, TENANT_SETTINGS_FIELDS);
  return { body: selectFields(tenantSettingsJson(req.context.tenant), selection) };
}

/**
 * Applied to the tenant as stored, in one write: an idle lifetime above the absolute one is refused
 * whichever of the two the body changes, and then nothing of the body is stored. Logout URLs follow
 * an application's rule (domain/tenant_logout_urls.ts), checked before anything is written.
 */
async function update(req: Request, _res: unknown, { deps }: ManagementServices): Promise<ManagementReply> {
  const body = parseBody(updateTenantSettingsBody, req.body);
  if (body.allowed_logout_urls) assertApplicationUrls(tenantLogoutUrlLists(body.allowed_logout_urls));
  const outcome = await changeTenantSettings(deps.store.tenants, req.context.tenant.name, {
    lifetimes: {
      ...(body.idle_session_lifetime !== undefined ? { idleHours: body.idle_session_lifetime } : {}),
      ...(body.session_lifetime !== undefined ? { absoluteHours: body.session_lifetime } : {}),
    },
    ...(body.allowed_logout_urls !== undefined ? { allowedLogoutUrls: body.allowed_logout_urls } : {}),
  });
  // The schema refused a lifetime out of range, so what is left is the idle one above the absolute one.
  if (!outcome.saved) throw idleAboveAbsolute(body, outcome.lifetimes);
  return { body: tenantSettingsJson(outcome.tenant) };
}

/** Named on the property the body sent: the idle lifetime, or else the absolute one it undercut. */
function idleAboveAbsolute(body: UpdateTenantSettingsBody, lifetimes: SessionLifetimes): BadRequestError {
  const [property, message] =
    body.idle_session_lifetime !== undefined
      ? ['idle_session_lifetime', `Must not exceed session_lifetime (${lifetimes.absoluteHours})`]
      : ['session_lifetime', `Must not be less than idle_session_lifetime (${lifetimes.idleHours})`];
  return new BadRequestError(`Payload validation error: '${message}' on property ${property}.`, 'invalid_body');
}

export const tenantSettingsRoutes: ManagementRoute[] = [
  { method: 'get', path: '/tenants/settings', scopes: ['read:tenant_settings'], query: FIELD_PARAMS, handle: get },
  { method: 'patch', path: '/tenants/settings', scopes: ['update:tenant_settings'], audit: CONFIG_CHANGES.updateTenantSettings, handle: update },
];
