import request from 'supertest';
import { createClient } from '../../../src/domain/clients.js';
import type { Client } from '../../../src/domain/types.js';
import type { Browser, BrowserResponse } from './browser.js';
import { CLIENT_CALLBACK, type FrontChannel } from './front_channel_fixture.js';

/** A name with markup in it: the consent page must print it as text. */
export const THIRD_PARTY_NAME = 'Partner <b>Fit</b> & Co';

/** A third-party application (is_first_party: false) of the fixture's tenant, enabled for its Fitbit connection. */
export interface ThirdPartyApp {
  readonly client: Client;
  /** `${tenantUrl}/authorize?...` for this application, as the fixture's authorizeUrl builds it. */
  authorizeUrl(params?: Record<string, string | undefined>): string;
  /** POST /oauth/token with the code (client_secret_basic). */
  redeem(code: string): request.Test;
  /** POST /oauth/token with a refresh token (client_secret_basic). */
  refresh(refreshToken: string): request.Test;
}

/** Creates a confidential web application with `isFirstParty: false`, enabled for the connection. */
export async function addThirdPartyApp(fitgate: FrontChannel, name = THIRD_PARTY_NAME): Promise<ThirdPartyApp> {
  const { client, clientSecret } = await createClient(fitgate.store.clients, {
    tenant: fitgate.tenant,
    name,
    appType: 'regular_web',
    callbacks: [CLIENT_CALLBACK],
    settings: { isFirstParty: false },
  });
  const connection = await fitgate.store.connections.getByName(fitgate.tenant, 'fitbit');
  if (!connection) throw new Error('the fixture connection is gone');
  await fitgate.store.connections.update({ ...connection, enabledClients: [...connection.enabledClients, client.clientId] });
  const token = (params: Record<string, string>) =>
    request(fitgate.url)
      .post('/oauth/token')
      .set('Host', new URL(fitgate.tenantUrl).host)
      .auth(client.clientId, clientSecret ?? '')
      .type('form')
      .send(params);
  return {
    client,
    authorizeUrl: (params = {}) => fitgate.authorizeUrl({ client_id: client.clientId, ...params }),
    redeem: (code) => token({ grant_type: 'authorization_code', code, redirect_uri: CLIENT_CALLBACK }),
    refresh: (refreshToken) => token({ grant_type: 'refresh_token', refresh_token: refreshToken }),
  };
}

/** The consent page's form: where it posts and its hidden fields. */
export interface ConsentForm {
  readonly action: string;
  readonly consent: string;
  readonly csrf: string;
}

export function consentFormOf(page: BrowserResponse): ConsentForm {
  const action = /<form[^>]*\saction="([^"]+)"/.exec(page.text)?.[1];
  const consent = /name="consent" value="([^"]+)"/.exec(page.text)?.[1];
  const csrf = /name="_csrf" value="([^"]+)"/.exec(page.text)?.[1];
  if (!action || !consent || !csrf) throw new Error(`not a consent page (HTTP ${page.status}): ${page.text.slice(0, 300)}`);
  return { action, consent, csrf };
}

/** The person's answer, sent as the page's form sends it. */
export function answerConsent(fitgate: FrontChannel, browser: Browser, form: ConsentForm, decision: 'accept' | 'decline', csrf = form.csrf): Promise<BrowserResponse> {
  return browser.post(new URL(form.action, fitgate.tenantUrl).href, { consent: form.consent, _csrf: csrf, decision });
}
