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
 * The host knows no upstream's pages: a 410 is `gone` on any upstream, and any other refusal is
 * recognised only by the plugin's readAuthorizeRefusal. Without that hook the browser goes on and
 * the upstream's own page tells the admin.
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

/** Undefined when the upstream would show its sign-in or consent page, its refusal is not recognised, or it did not answer (the browser will tell). */
export async function preflightAuthorize(authorizeUrl: string, upstream: PreflightUpstream): Promise<AuthorizeRefusal | undefined> {
  let response: Response;
  try {
    response = await fetch(authorizeUrl, { redirect: 'manual', signal: AbortSignal.timeout(upstream.client.timeoutMs ?? DEFAULT_UPSTREAM_TIMEOUT_MS) });
  } catch {
    return undefined;
  }
  const read = upstream.plugin.readAuthorizeRefusal?.bind(upstream.plugin);
  if (response.status === 410 || response.status < 400 || !read) {
    await response.body?.cancel();
    // 410 Gone means the same on every upstream; a page of any other status only the plugin can read.
    if (response.status === 410) return { kind: 'gone', upstreamSaid: 'authorize: HTTP 410 Gone' };
    return undefined;
  }
  let body: string;
  try {
    body = (await response.text()).slice(0, MAX_BODY_CHARS);
  } catch {
    return undefined;
  }
  const said = read(response.status, body);
  const refusal = said && readPluginFailure({ ...said, operation: said.operation ?? 'authorize', status: said.status ?? response.status });
  if (!refusal) return undefined;
  // Nothing but the client id has been sent at authorize, so the client it refuses is an unknown
  // id, never a wrong secret, which only the token step can reveal (try_failure_explanation.ts).
  return { kind: refusal.kind === 'invalid_client' ? 'unknown_client' : refusal.kind, upstreamSaid: upstreamSaidOf(refusal) };
}
