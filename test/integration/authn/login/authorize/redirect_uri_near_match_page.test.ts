import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { updateClient } from '../../../../../src/domain/client_updates.js';
import { describeEachStore } from '../../../../support/stores.js';
import { CLIENT_CALLBACK, startFrontChannel, type FrontChannel, useEmulator } from '../../../../support/authn/front_channel_fixture.js';

const emulator = useEmulator();

/**
 * The page /authorize shows for a redirect_uri that is not registered points at the slip: it names
 * the registered callback that differs only by a trailing slash (escaped, like all of the page),
 * and says so when the application has no callback URL at all. It never redirects.
 */
describeEachStore('/authorize refusal of a redirect_uri, with its near match', (harness) => {
  let fitgate: FrontChannel;
  beforeAll(async () => {
    fitgate = await startFrontChannel({ store: harness.store(), upstream: { kind: 'emulator', emulator: emulator() } });
  });
  afterAll(() => fitgate.close());

  const refusalPage = async (redirectUri: string): Promise<string> => {
    const response = await fitgate.browser().get(fitgate.authorizeUrl({ redirect_uri: redirectUri }));
    expect(response.status).toBe(400);
    expect(response.location).toBeUndefined();
    return response.text;
  };

  it('names the registered callback that differs only by a trailing slash', async () => {
    const page = await refusalPage(`${CLIENT_CALLBACK}/`);
    expect(page).toContain(`A registered one differs only by a trailing slash: &quot;${CLIENT_CALLBACK}&quot;`);
  });

  it('says the application has no callback URLs when its list is empty', async () => {
    const { tenant, clientId } = fitgate.webClient;
    await updateClient(fitgate.store.clients, tenant, clientId, (current) => ({ ...current, callbacks: [] }));
    const page = await refusalPage(CLIENT_CALLBACK);
    expect(page).toContain('has no Allowed Callback URLs yet');
  });
});
