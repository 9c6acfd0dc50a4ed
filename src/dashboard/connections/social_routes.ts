import { Router, type Request, type Response } from 'express';
import type { AppDeps } from '../../app_deps.js';
import type { ConnectionPlugin } from '../../connections/plugin.js';
import { CONFIG_CHANGES, configChange } from '../../domain/config_changes.js';
import { changeConnectionOptions } from '../../domain/connection_option_changes.js';
import { everyClient } from '../../domain/every_client.js';
import { ConnectionConflictError, createConnection } from '../../domain/connection_directory.js';
import { newConnection } from '../../domain/new_connection.js';
import { callbackUrlOf, roundTripTenantUrl } from '../../domain/tenants.js';
import type { Connection } from '../../domain/types.js';
import { NotFoundError } from '../../errors/index.js';
import { logConfigChange } from '../config_change_log.js';
import {
  CLIENT_ID_MAX_LENGTH,
  fieldErrorsOf,
  formValues,
  readSettingsForm,
  sameOptions,
  secretNotSavedNotice,
  sentSettingsOf,
  settingsFromForm,
  type SettingsForm,
} from './connection_settings_form.js';
import { checkboxField, type FieldErrors } from '../form_fields.js';
import { apiName } from '../../upstream/api_name.js';
import { offeredApi } from '../../upstream/plugin_defaults.js';
import { credentialAdvice, keepCredentialAdvice, takeCredentialAdvice } from './credential_advice.js';
import { creationConflictSentence } from './creation_conflict.js';
import { enabledForSummary } from './enabled_for_summary.js';
import { pluginSettingsView } from './plugin_settings_view.js';
import { findSocialConnection } from './social_connection.js';
import { tenantHasUsers } from './client_switch.js';
import { unconfirmedApiSwitch, warnedApiSwitch } from './warned_api_switch.js';
import { renderPage } from '../views.js';
import { usesSandbox } from '../../domain/sandbox_use.js';

/**
 * Authentication → Social: the plugins fitgate has, and for each its settings page (credentials,
 * mode, permissions, profile sync, the callback URL to register upstream and the setup steps).
 *
 * The settings page's Try button belongs to the settings form (`then=try`), so Try tests what the
 * form shows: the form is saved first, as Save would (a refusal comes back the same way and starts
 * nothing), then TRY begins on the connection saved, as its own button begins it (`startTry`,
 * try_start.ts).
 */
export function socialRoutes(
  deps: Pick<AppDeps, 'store' | 'sealer' | 'config' | 'plugins' | 'sandbox'>,
  startTry: (req: Request, res: Response, connection: Connection) => Promise<void>,
): Router {
  const router = Router({ mergeParams: true });
  const tenantOf = (res: Response) => res.locals.managedTenant!.name;

  function pluginOf(req: Request): ConnectionPlugin {
    const plugin = deps.plugins.get(String(req.params.strategy));
    if (!plugin) throw new NotFoundError('fitgate has no such social connection.');
    return plugin;
  }

  router.get('/', async (_req, res) => {
    const tenant = tenantOf(res);
    // Every application, however many: a name the list left out would read as one it is not enabled for.
    const clients = await everyClient(deps.store.clients, tenant);
    const clientNames = new Map(clients.map((client) => [client.clientId, client.name]));
    const entries = await Promise.all(
      [...deps.plugins.values()].map(async (plugin) => {
        const connection = await findSocialConnection(deps.store, tenant, plugin.strategy);
        const sandbox = usesSandbox(deps.sandbox, connection);
        // An API the plugin warns about (shutting down, or gone) must not look healthy in the list.
        const warning = connection ? offeredApi(plugin, connection.options.api)?.warning : undefined;
        return {
          strategy: plugin.strategy,
          displayName: plugin.displayName,
          mark: plugin.mark,
          connection,
          apiName: connection ? apiName(plugin, connection.options.api) : undefined,
          warning,
          sandbox,
          // TRY on the list, as in Auth0's guide: once there is something to try.
          tryable: Boolean(connection && (sandbox || connection.options.clientId)),
          enabledFor: enabledForSummary((connection?.enabledClients ?? []).map((id) => clientNames.get(id) ?? id)),
        };
      }),
    );
    renderPage(res, 'social', { title: 'Social connections', section: 'social', entries });
  });

  function settingsPage(
    res: Response,
    plugin: ConnectionPlugin,
    connection: Connection | undefined,
    extra: { typed?: SettingsForm | undefined; errors?: FieldErrors; saved?: boolean; advice?: string[]; secretNotSaved?: string | undefined; hasUsers: boolean },
  ) {
    const tenant = tenantOf(res);
    const values = formValues(plugin, connection, extra.typed);
    // The one a login or a TRY from this host uses (the tenant's own domain, when the admin is on it).
    const callback = callbackUrlOf(roundTripTenantUrl(deps.config, tenant, res.req.context));
    return {
      title: plugin.displayName,
      section: 'social',
      tab: 'settings',
      plugin: { strategy: plugin.strategy, displayName: plugin.displayName, mark: plugin.mark },
      connection,
      values,
      callbackUrl: callback,
      ...pluginSettingsView(plugin, callback),
      sandboxMode: usesSandbox(deps.sandbox, connection),
      // Whether an empty Client ID would log in through the sandbox: only for an upstream it plays.
      sandboxAvailable: usesSandbox(deps.sandbox, { strategy: plugin.strategy, options: { api: values.api } }),
      errors: extra.errors,
      secretNotSaved: extra.secretNotSaved,
      clientIdMaxLength: CLIENT_ID_MAX_LENGTH,
      saved: extra.saved,
      // A switch onto an API the plugin warns about asks for a ticked box while the tenant has users.
      confirmWarnedApi: Boolean(connection) && extra.hasUsers,
      // The plugin's advice on the credentials just saved, beside "Settings saved." only.
      advice: extra.saved ? (extra.advice ?? []) : [],
    };
  }

  router.get('/:strategy', async (req, res) => {
    const plugin = pluginOf(req);
    const connection = await findSocialConnection(deps.store, tenantOf(res), plugin.strategy);
    // Taken at any view, so advice a save left is never shown after a later one.
    const advice = takeCredentialAdvice(req, deps.sealer, tenantOf(res), plugin.strategy);
    const hasUsers = await tenantHasUsers(deps.store, tenantOf(res));
    renderPage(res, 'connection', settingsPage(res, plugin, connection, { saved: req.query.saved === '1', advice, hasUsers }));
  });

  router.post('/:strategy', async (req, res) => {
    const plugin = pluginOf(req);
    const tenant = tenantOf(res);
    const connection = await findSocialConnection(deps.store, tenant, plugin.strategy);
    const hasUsers = await tenantHasUsers(deps.store, tenant);
    const refuse = (errors: FieldErrors, typed?: SettingsForm, status = 400) =>
      renderPage(res, 'connection', settingsPage(res, plugin, connection, { typed, errors, secretNotSaved: secretNotSavedNotice(req.body, errors), hasUsers }), status);
    const form = readSettingsForm(req.body, plugin, connection?.options);
    if ('error' in form) return refuse(form.error);
    const result = settingsFromForm(form, connection?.options, plugin, deps.sealer);
    if (!result.ok) return refuse(result.errors, form);
    // Asked before anything is saved, Try included: Try saves first.
    const warned = warnedApiSwitch(plugin, connection, form.api);
    if (warned && hasUsers && !checkboxField(req.body, 'confirm_api')) return refuse(unconfirmedApiSwitch(warned), form);

    // Try on settings left as they were saves nothing: no configuration change to log.
    if (form.then === 'save' || !connection || !sameOptions(connection.options, result.options)) {
      const refused = await save(req, res, plugin, connection, form, result.options);
      if (refused) return refuse(refused.errors, form, refused.status);
    }
    // Saved as typed, right or wrong: what the plugin advises on the credentials waits for the page
    // the redirect leads to. TRY goes on at once and says what the upstream made of them.
    const advice = form.then === 'save' ? credentialAdvice(plugin, result.options, form.newClientSecret) : [];
    keepCredentialAdvice(req, deps.sealer, tenant, plugin.strategy, advice);
    if (form.then === 'try') {
      // TRY begins as its own button begins it, on the connection as stored now: just saved.
      const saved = await findSocialConnection(deps.store, tenant, plugin.strategy);
      if (!saved) throw new NotFoundError('This connection was deleted meanwhile: save its settings again.');
      return startTry(req, res, saved);
    }
    res.redirect(303, `${req.baseUrl}/${encodeURIComponent(plugin.strategy)}?saved=1`);
  });

  /**
   * An existing connection's options are computed again from the form against the connection as
   * stored (changeConnectionOptions, as the Management API's PATCH), so an application enabled
   * meanwhile (on any worker) stays enabled, and a secret left blank keeps the one stored now.
   * Resolves with the form's errors when the stored connection, changed since the page's read (its
   * secret, its API), refuses what the page's read accepted, or when the tenant's connections refuse
   * a new one (domain/connection_directory.ts: its name taken, or its strategy's connection created
   * meanwhile; a 409, as the Management API answers it): nothing is saved then.
   */
  async function save(
    req: Request,
    res: Response,
    plugin: ConnectionPlugin,
    connection: Connection | undefined,
    form: SettingsForm,
    options: Connection['options'],
  ): Promise<{ errors: FieldErrors; status: number } | undefined> {
    let id: string;
    if (connection) {
      id = connection.id;
      const outcome = await changeConnectionOptions(deps.store.connections, connection, sentSettingsOf(form), { plugin, sealer: deps.sealer });
      if (!outcome.saved) return { errors: fieldErrorsOf(outcome.issues), status: 400 };
    } else {
      const created = newConnection(tenantOf(res), plugin, options);
      id = created.id;
      try {
        await createConnection(deps.store.connections, created);
      } catch (error) {
        if (error instanceof ConnectionConflictError) return { errors: { form: creationConflictSentence(plugin, error) }, status: 409 };
        throw error;
      }
    }
    await logConfigChange(
      deps.store,
      req,
      res,
      connection ? configChange(CONFIG_CHANGES.updateConnection, { id }) : { ...configChange(CONFIG_CHANGES.createConnection), details: { connection_id: id } },
    );
    return undefined;
  }

  return router;
}
