import type { ConnectionPlugin, PluginClientOptions, TryFailureKind } from '../../connections/plugin.js';
import { readPluginFailure } from '../../domain/read_plugin_failure.js';
import { DEFAULT_UPSTREAM_TIMEOUT_MS } from '../../upstream/resolve_upstream.js';
import { upstreamSaidOf } from './try_failure_explanation.js';

/**
 * Before sending the admin's browser to the upstream, TRY requests the same authorize URL itself.
 * An upstream shows a refused authorization request (an unregistered callback URL, an unknown
 * client id, an API switched off) on its own error page and never comes back, so without this the
 * admin would be stranded there instead of reading the fix on fitgate's failure page. A GET of an
 * authorize URL changes nothing upstream: it only shows a sign-in or consent page.
 *
 * The host knows no upstream's pages: a 410 is `gone` on any upstream, and any other refusal, an
 * error page or a redirect to one (an upstream may carry its refusal in the address of its error
 * page), is recognised only by the plugin's readAuthorizeRefusal. Without that hook, or when it
 * does not recognise the answer, the browser goes on and the upstream's own page tells the admin.
 */
export interface AuthorizeRefusal {
  kind: TryFailureKind;
  upstreamSaid: string;
}

/** What the preflight needs of the resolved upstream: its plugin's hook and its call timeout. */
export interface PreflightUpstream {
  readonly plugin: Pick<ConnectionPlugin, 'readAuthorizeRefusal'>;
  readonly client: Pick<PluginClientOptions, 'timeoutMs'>;
}

const MAX_BODY_CHARS = 64 * 1024;

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

/** Undefined when the upstream would show its sign-in or consent page, its refusal is not recognised, or it did not answer (the browser will tell). */
export async function preflightAuthorize(authorizeUrl: string, upstream: PreflightUpstream): Promise<AuthorizeRefusal | undefined> {
  let response: Response;
  try {
    response = await fetch(authorizeUrl, { redirect: 'manual', signal: AbortSignal.timeout(upstream.client.timeoutMs ?? DEFAULT_UPSTREAM_TIMEOUT_MS) });
  } catch {
    return undefined;
  }
  // 410 Gone means the same on every upstream; any other answer only the plugin can read.
  if (response.status === 410) {
    await response.body?.cancel();
    return { kind: 'gone', upstreamSaid: 'authorize: HTTP 410 Gone' };
  }
  const read = upstream.plugin.readAuthorizeRefusal?.bind(upstream.plugin);
  if (!read) {
    await response.body?.cancel();
    return undefined;
  }
  const answer = await answerOf(response, authorizeUrl);
  const said = answer && read(answer);
  const refusal = said && readPluginFailure({ ...said, operation: said.operation ?? 'authorize', status: said.status ?? response.status });
  if (!refusal) return undefined;
  // Nothing but the client id has been sent at authorize, so the client it refuses is an unknown
  // id, never a wrong secret, which only the token step can reveal (try_failure_explanation.ts).
  return { kind: refusal.kind === 'invalid_client' ? 'unknown_client' : refusal.kind, upstreamSaid: upstreamSaidOf(refusal) };
}
