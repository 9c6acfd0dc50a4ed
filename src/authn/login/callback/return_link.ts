import { redirectUrlProblem } from '../../../domain/application_urls.js';
import type { Client } from '../../../domain/types.js';

/**
 * Where a person back at a finished login's callback may be sent to reach the application again,
 * from the client's registration alone: its initiate_login_uri (Auth0's default login route, the
 * page it names for entering the application), else the origin of the registered redirect_uri the
 * login answered. Never a path of that redirect_uri (its callback handler, which would read a
 * missing code as a failure) and never a custom scheme or a native app's loopback port, which
 * nothing listens on once the login is over: undefined then, and the page names the application
 * without a link. Either URL must still pass the rule for web redirect URLs, as a stored value may
 * predate it.
 */
export function returnLinkOf(client: Pick<Client, 'initiateLoginUri' | 'appType'>, redirectUri: string): string | undefined {
  const initiate = client.initiateLoginUri;
  if (initiate !== undefined && initiate !== '' && redirectUrlProblem(initiate, 'regular_web') === undefined) return initiate;
  if (client.appType === 'native' || !URL.canParse(redirectUri)) return undefined;
  const { origin } = new URL(redirectUri);
  return origin !== 'null' && redirectUrlProblem(origin, 'regular_web') === undefined ? origin : undefined;
}
