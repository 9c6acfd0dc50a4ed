import { originProblem } from '../../../domain/application_urls.js';
import type { Client } from '../../../domain/types.js';

/**
 * The origin a web_message response is posted to: the redirect_uri's (auth0-spa-js sends the app's
 * own origin), and only when the client lists it among its Allowed Web Origins, as at Auth0. The
 * page that posts it may be framed by that origin alone, so a code or id_token never reaches a
 * window of another site. Undefined when the origin is not listed: nothing may be posted at all.
 * A listed origin that breaks the URL rule (stored before the rule existed) is not honoured.
 */
export function webMessageOrigin(client: Client, redirectUri: string): string | undefined {
  if (!URL.canParse(redirectUri)) return undefined;
  const url = new URL(redirectUri);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
  const listed = (client.webOrigins ?? []).some((origin) => originProblem(origin) === undefined && new URL(origin).origin === url.origin);
  return listed ? url.origin : undefined;
}

/** The page a refused web_message request shows: what is wrong and the one setting that fixes it. */
export function unlistedWebOriginMessage(client: Client, redirectUri: string): string {
  const origin = URL.canParse(redirectUri) ? new URL(redirectUri).origin : redirectUri;
  return (
    `The application "${client.name}" asked for its answer as a message to its page at ${origin} (response_mode=web_message), ` +
    `but ${origin} is not one of the application's Allowed Web Origins. ` +
    `An administrator can add ${origin} to Allowed Web Origins (dashboard: the application's settings; Management API: web_origins).`
  );
}
