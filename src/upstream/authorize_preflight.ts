import type { ConnectionPlugin, PluginClientOptions, PluginFailure } from '../connections/plugin.js';
import { readPluginFailure } from '../domain/read_plugin_failure.js';
import { DEFAULT_UPSTREAM_TIMEOUT_MS } from './resolve_upstream.js';

/**
 * Requesting an authorize URL before a browser is sent to it (the dashboard's TRY does). An upstream
 * shows a refused authorization request (an unregistered callback URL, an unknown client id, an API
 * switched off) on its own error page and never comes back, so without this the admin would be
 * stranded there instead of reading the fix on fitgate's failure page. A GET of an authorize URL
 * changes nothing upstream: it only shows a sign-in or consent page.
 *
 * The host knows no upstream's pages: a 410 is `gone` on any upstream, and any other refusal, an
 * error page or a redirect to one (an upstream may carry its refusal in the address of its error
 * page), is recognised only by the plugin's readAuthorizeRefusal. Without that hook, or when it
 * does not recognise the answer, the browser goes on and the upstream's own page tells the admin.
 * The call is reported to the connection's observer as the plugin reports its own (`authorize`).
 */
export interface PreflightUpstream {
  readonly plugin: Pick<ConnectionPlugin, 'readAuthorizeRefusal'>;
  readonly client: Pick<PluginClientOptions, 'timeoutMs' | 'onUpstreamCall'>;
}

const OPERATION = 'authorize';

const MAX_BODY_CHARS = 64 * 1024;

/**
 * The upstream's refusal of `authorizeUrl`, as a plugin failure (operation `authorize`, the status
 * of its answer unless the plugin names another); undefined when the upstream would show its
 * sign-in or consent page, its refusal is not recognised, or it did not answer (the browser will tell).
 */
export async function preflightAuthorize(authorizeUrl: string, upstream: PreflightUpstream): Promise<PluginFailure | undefined> {
  const started = performance.now();
  const observe = (status: number | undefined, errorKind?: string) => {
    try {
      upstream.client.onUpstreamCall?.({ operation: OPERATION, durationMs: performance.now() - started, status, errorKind });
    } catch {
      // An observer must not throw (plugin.ts); one that does changes nothing here.
    }
  };
  let response: Response;
  try {
    response = await fetch(authorizeUrl, { redirect: 'manual', signal: AbortSignal.timeout(upstream.client.timeoutMs ?? DEFAULT_UPSTREAM_TIMEOUT_MS) });
  } catch (error) {
    // AbortSignal.timeout's reason: a DOMException, which need not be an Error of this realm.
    observe(undefined, (error as { name?: unknown } | null)?.name === 'TimeoutError' ? 'timeout' : 'unavailable');
    return undefined;
  }
  const refusal = await refusalOf(response, authorizeUrl, upstream.plugin);
  observe(response.status, refusal?.kind);
  return refusal;
}

async function refusalOf(response: Response, requestUrl: string, plugin: PreflightUpstream['plugin']): Promise<PluginFailure | undefined> {
  // 410 Gone means the same on every upstream; any other answer only the plugin can read.
  if (response.status === 410) {
    await response.body?.cancel();
    return { kind: 'gone', operation: OPERATION, status: 410, upstreamCode: 'Gone' };
  }
  const read = plugin.readAuthorizeRefusal?.bind(plugin);
  if (!read) {
    await response.body?.cancel();
    return undefined;
  }
  const answer = await answerOf(response, requestUrl);
  const said = answer && read(answer);
  return said ? readPluginFailure({ ...said, operation: said.operation ?? OPERATION, status: said.status ?? response.status }) : undefined;
}

/** The upstream's answer as the plugin's hook reads it; undefined when there is nothing to ask about. */
async function answerOf(response: Response, requestUrl: string): Promise<{ status: number; body: string; location?: string } | undefined> {
  const location = redirectTarget(response, requestUrl);
  if (response.status < 400) {
    await response.body?.cancel();
    return location === undefined ? undefined : { status: response.status, body: '', location };
  }
  try {
    return { status: response.status, body: (await response.text()).slice(0, MAX_BODY_CHARS) };
  } catch {
    return undefined;
  }
}

/** A redirect's target as an absolute URL (a Location may be relative to the request's URL); undefined for any other answer. */
function redirectTarget(response: Response, requestUrl: string): string | undefined {
  const location = response.status >= 300 && response.status < 400 ? response.headers.get('location') : null;
  if (location === null) return undefined;
  try {
    return new URL(location, requestUrl).href;
  } catch {
    return undefined;
  }
}
