import { randomBytes } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { createClient } from '../../../../src/domain/clients.js';
import { updateConnection } from '../../../../src/domain/connection_updates.js';
import type { LogEvent } from '../../../../src/domain/types.js';
import { createSealer } from '../../../../src/store/sealing.js';
import { approveUrl, DEMO, denyUrl } from '../../../support/emulator.js';
import { HOST } from '../dashboard_harness.js';
import { configureFitbit, finishTry, followUpstream, startTry, useTrySetup } from '../try_helpers.js';

const APP_CALLBACK = 'https://app.example/callback';

/** What a failed login's event says of its failure (login_log.ts), which a failed TRY's must say alike. */
const failureFields = (event: LogEvent | undefined) => {
  const { error, source, upstream_kind } = event?.details ?? {};
  return { error, source, upstream_kind };
};

/**
 * A failed TRY is logged with a failed login's fields and their meanings: `error` the OAuth code a
 * client would have been told, `source` whose failure it was, `upstream_kind` the plugin's kind. An
 * admin filtering the log on any of them finds the logins and the TRYs that failed for one cause.
 * Each case runs a real login and a TRY of the same connection into the same cause.
 */
describe('a failed TRY’s log event, beside a failed login’s of the same cause', () => {
  const setup = useTrySetup({ environment: { FITGATE_SANDBOX: 'off' } });

  /** The connection with these credentials, enabled for a web application, whose client id it returns. */
  async function connectionFor(credentials: { clientId: string; clientSecret: string }): Promise<string> {
    const harness = setup.harness();
    await configureFitbit(harness, { api: 'google-health', ...credentials });
    const web = await createClient(harness.store.clients, { tenant: 'default', name: 'Web', appType: 'regular_web', callbacks: [APP_CALLBACK] });
    const connection = (await harness.store.connections.getByName('default', 'fitbit'))!;
    await updateConnection(harness.store.connections, 'default', connection.id, (current) => ({ ...current, enabledClients: [web.client.clientId] }));
    return web.client.clientId;
  }

  /**
   * Sends a login and a TRY to the upstream, where `consent` answers each; then `meanwhile` runs, and
   * both come back to fitgate. Returns the newest failed login's and failed TRY's events.
   */
  async function failBoth(clientId: string, consent: (authorizeUrl: string) => string, meanwhile = async () => {}) {
    const harness = setup.harness();
    const browser = request.agent(harness.app).host(HOST);
    const started = await browser
      .get('/authorize')
      .query({ client_id: clientId, response_type: 'code', redirect_uri: APP_CALLBACK, scope: 'openid', connection: 'fitbit', state: 's1' })
      .expect(302);
    const loginBack = await followUpstream(consent(String(started.headers.location)));
    const tryBack = await followUpstream(consent(await startTry(setup.agent())));
    await meanwhile();

    const toApp = await browser.get(`${loginBack.pathname}${loginBack.search}`).expect(302);
    expect(new URL(String(toApp.headers.location)).searchParams.get('error')).toBeTruthy();
    expect(await finishTry(setup.agent(), tryBack)).toContain('Try failed');

    const { items } = await harness.store.logs.list('default', { type: 'f', page: 0, perPage: 20 });
    return { login: items.find((event) => event.details?.try !== true), tried: items.find((event) => event.details?.try === true) };
  }

  it('says the user’s refusal at the upstream as the login does', async () => {
    const clientId = await connectionFor(DEMO.googleServer);
    const { login, tried } = await failBoth(clientId, (url) => denyUrl(url, 'alice'));
    expect(failureFields(login)).toEqual({ error: 'access_denied', source: 'upstream', upstream_kind: 'access_denied' });
    expect(failureFields(tried)).toEqual(failureFields(login));
    expect(tried?.details).toMatchObject({ try_failure: 'access_denied' });
  });

  it('says the upstream’s invalid_client at the token step as the login does', async () => {
    const clientId = await connectionFor({ clientId: DEMO.googleServer.clientId, clientSecret: 'GOCSPX-not-this-client-secret' });
    const { login, tried } = await failBoth(clientId, (url) => approveUrl(url, { user: 'alice' }));
    expect(failureFields(login)).toEqual({ error: 'server_error', source: 'upstream', upstream_kind: 'invalid_client' });
    expect(failureFields(tried)).toEqual(failureFields(login));
    expect(tried?.details).toMatchObject({ try_failure: 'invalid_client' });
  });

  it('says fitgate’s own failure (a stored secret it can no longer open) as the login does, with no upstream kind', async () => {
    const clientId = await connectionFor(DEMO.googleServer);
    const sealUnderLostKey = async () => {
      const { connections } = setup.harness().store;
      const connection = (await connections.getByName('default', 'fitbit'))!;
      const clientSecret = createSealer([randomBytes(32)]).seal(DEMO.googleServer.clientSecret);
      await updateConnection(connections, 'default', connection.id, (current) => ({ ...current, options: { ...current.options, clientSecret } }));
    };
    const { login, tried } = await failBoth(clientId, (url) => approveUrl(url, { user: 'alice' }), sealUnderLostKey);
    expect(failureFields(login)).toEqual({ error: 'server_error', source: 'fitgate', upstream_kind: undefined });
    expect(failureFields(tried)).toEqual(failureFields(login));
    expect(tried?.details).toMatchObject({ try_failure: 'secret_unreadable' });
  });
});
