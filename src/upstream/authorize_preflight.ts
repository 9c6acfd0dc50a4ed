import type { ConnectionPlugin, PluginClientOptions, PluginFailure } from '../connections/plugin.js';
import { unreachedCauseOf } from '../connections/unreached_upstream.js';
import { exchangeHttp, HttpTimeoutError, type HttpAnswer } from '../connections/upstream_http.js';
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

/** A UTF-16 unit of the page's start takes at most three bytes of UTF-8. */
const MAX_BODY_BYTES = MAX_BODY_CHARS * 3;

/**
 * The headers global fetch sent when this check was written on it, and the upstreams' refusal pages
 * were read with: an upstream may word its page otherwise for another client or language.
 */
const REQUEST_HEADERS = { accept: '*/*', 'accept-language': '*', 'user-agent': 'node' };

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
  let answer: HttpAnswer;
  try {
    // The plugins' transport, which follows no redirect: a redirect is the answer asked about.
    answer = await exchangeHttp({
      url: authorizeUrl,
      method: 'GET',
      headers: REQUEST_HEADERS,
      timeoutMs: upstream.client.timeoutMs ?? DEFAULT_UPSTREAM_TIMEOUT_MS,
      maxBodyBytes: MAX_BODY_BYTES,
      keepBodyStart: true,
    });
  } catch (error) {
    // Counted as the port counts the plugins' calls that got no answer.
    observe(undefined, error instanceof HttpTimeoutError ? 'timeout' : (unreachedCauseOf(error)?.kind ?? 'unavailable'));
    return undefined;
  }
  const refusal = refusalOf(answer, authorizeUrl, upstream.plugin);
  observe(answer.status, refusal?.kind);
  return refusal;
}

function refusalOf(answer: HttpAnswer, requestUrl: string, plugin: PreflightUpstream['plugin']): PluginFailure | undefined {
  // 410 Gone means the same on every upstream; any other answer only the plugin can read.
  if (answer.status === 410) return { kind: 'gone', operation: OPERATION, status: 410, upstreamCode: 'Gone' };
  const read = plugin.readAuthorizeRefusal?.bind(plugin);
  if (!read) return undefined;
  const asked = askedAbout(answer, requestUrl);
  const said = asked && read(asked);
  return said ? readPluginFailure({ ...said, operation: said.operation ?? OPERATION, status: said.status ?? answer.status }) : undefined;
}

/** The upstream's answer as the plugin's hook reads it; undefined when there is nothing to ask about. */
function askedAbout(answer: HttpAnswer, requestUrl: string): { status: number; body: string; location?: string } | undefined {
  if (answer.status >= 400) return { status: answer.status, body: answer.body.slice(0, MAX_BODY_CHARS) };
  const location = redirectTarget(answer, requestUrl);
  return location === undefined ? undefined : { status: answer.status, body: '', location };
}

/** A redirect's target as an absolute URL (a Location may be relative to the request's URL); undefined for any other answer. */
function redirectTarget(answer: HttpAnswer, requestUrl: string): string | undefined {
  const location = answer.status >= 300 && answer.status < 400 ? answer.headers.location : undefined;
  if (location === undefined) return undefined;
  try {
    return new URL(location, requestUrl).href;
  } catch {
    return undefined;
  }
}
