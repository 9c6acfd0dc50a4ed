import { afterAll, beforeAll } from '@jest/globals';
import { startFitgateBehindTls, type FitgateBehindTls } from './fitgate_behind_tls.js';
import { startRelyingParty, type RelyingParty } from './relying_party.js';

export interface RelyingPartySetting {
  readonly fitgate: FitgateBehindTls;
  readonly app: RelyingParty;
}

/**
 * fitgate behind TLS and one SDK application (test/support/compat/apps/`app`.mjs) signing in
 * through it, registered as a regular web application named `clientName` whose callback is the
 * application's /callback. `settings` makes the application's RP_SETTINGS from fitgate and the new
 * client. Started in beforeAll and closed in afterAll of the file that calls this; the handle reads
 * the running pair, so use it inside tests.
 */
export function useRelyingParty(
  app: string,
  clientName: string,
  settings: (fitgate: FitgateBehindTls, client: { clientId: string; clientSecret: string | undefined }) => Record<string, unknown>,
): RelyingPartySetting {
  let fitgate: FitgateBehindTls | undefined;
  let party: RelyingParty | undefined;
  beforeAll(async () => {
    fitgate = await startFitgateBehindTls();
    const { client, clientSecret } = await fitgate.addClient({ name: clientName, appType: 'regular_web' });
    party = await startRelyingParty(app, settings(fitgate, { clientId: client.clientId, clientSecret }), fitgate.certificate.caFile);
    await fitgate.store.clients.update({ ...client, callbacks: [`${party.url}/callback`] });
  });
  afterAll(async () => {
    await party?.close();
    await fitgate?.close();
  });
  const running = <T>(part: T | undefined): T => {
    if (!part) throw new Error(`${app} and fitgate are not running: read them inside a test of the file that called useRelyingParty()`);
    return part;
  };
  return {
    get fitgate() {
      return running(fitgate);
    },
    get app() {
      return running(party);
    },
  };
}
