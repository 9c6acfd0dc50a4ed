import { beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { connectionPlugins } from '../../../src/connections/registry.js';
import { createClient } from '../../../src/domain/clients.js';
import { updateConnection } from '../../../src/domain/connection_updates.js';
import { grantTypesShownOf } from './applications/grant_type_boxes.js';
import { HOST, submitForm, useSignedInDashboard } from './dashboard_harness.js';
import { configureFitbit, runTry, sandboxApproval } from './try_helpers.js';

/**
 * The dashboard offers an application as one users sign in to exactly when /authorize takes it
 * (domain/signs_users_in.ts): its grant types decide, not its type. A regular web application with
 * Authorization Code unticked is offered nowhere and refused; a machine-to-machine application given
 * authorization_code through the Management API is offered and signs users in, as at Auth0.
 */
describe('the applications the dashboard offers to sign users in are those /authorize takes', () => {
  const dashboard = useSignedInDashboard({ plugins: connectionPlugins(), environment: { FITGATE_SANDBOX: 'on' } });
  const tenant = '/manage/t/default';
  const connectionTab = `${tenant}/social/fitbit/applications`;
  const harness = () => dashboard.harness();
  const agent = () => dashboard.agent();

  beforeAll(async () => {
    await configureFitbit(harness(), { api: 'google-health' });
  });

  const enableOnlyFor = (clientId: string) =>
    updateConnection(harness().store.connections, 'default', 'con_defaultfitbit0000', (current) => ({ ...current, enabledClients: [clientId] }));
  /** TRY's "Next: …" link after a TRY that works, as text. */
  const nextStepAfterTry = async () => {
    const page = await runTry(agent(), (url) => sandboxApproval(agent(), url));
    expect(page).toContain('It works');
    return [...page.matchAll(/<a href="[^"]+">(Next: [^<]*)<\/a>/g)].map((match) => match[1]);
  };
  /** The connection's Applications tab: the part listing `name`, and whether it is listed under those no user can sign in to. */
  const listedOnConnectionTab = async (clientId: string) => {
    const { text } = await agent().get(connectionTab).expect(200);
    const refusedHeading = text.indexOf('<h2>Applications no user can sign in to</h2>');
    const item = text.indexOf(`<li id="app-${clientId}">`);
    expect(item).toBeGreaterThan(-1);
    return { refused: refusedHeading > -1 && item > refusedHeading, item: text.slice(item, text.indexOf('</li>', item)) };
  };
  const authorize = (clientId: string, redirectUri: string) =>
    request(harness().app)
      .get('/authorize')
      .set('Host', HOST)
      .query({ response_type: 'code', client_id: clientId, redirect_uri: redirectUri, scope: 'openid', state: 's1', connection: 'fitbit' })
      .expect(302);

  it('neither offers nor lets in a regular web application once Authorization Code is unticked', async () => {
    const callback = 'https://shop.example/callback';
    const { client } = await createClient(harness().store.clients, { tenant: 'default', name: 'Web shop', appType: 'regular_web', callbacks: [callback] });
    await enableOnlyFor(client.clientId);
    // With Authorization Code, both agree it signs users in.
    expect(await nextStepAfterTry()).toEqual(['Next: sign in to Web shop with Fitbit for real →']);
    expect((await listedOnConnectionTab(client.clientId)).refused).toBe(false);
    expect(String((await authorize(client.clientId, callback)).headers.location)).toContain('/_sandbox/accounts.google.com/');

    const page = `${tenant}/applications/${client.clientId}`;
    const shown = grantTypesShownOf((await agent().get(page).expect(200)).text);
    expect((await submitForm(agent(), page, page, { name: 'Web shop', ...shown, grant_types: ['implicit', 'refresh_token', 'client_credentials'] })).status).toBe(303);

    expect(await nextStepAfterTry()).toEqual(['Next: enable Fitbit for an application →']);
    const listed = await listedOnConnectionTab(client.clientId);
    expect(listed.refused).toBe(true);
    expect(listed.item).toContain('No user can sign in: Authorization Code is unticked in its Grant Types.');
    expect((await agent().get(page).expect(200)).text).toContain(
      'No user can sign in to Web shop: Authorization Code is unticked in its Grant Types, so no connection applies to it.',
    );
    const refused = new URL(String((await authorize(client.clientId, callback)).headers.location));
    expect(`${refused.origin}${refused.pathname}`).toBe(callback);
    expect(refused.searchParams.get('error')).toBe('unauthorized_client');
  });

  it('offers and lets in a machine-to-machine application given authorization_code through the Management API', async () => {
    const automation = await createClient(harness().store.clients, {
      tenant: 'default',
      name: 'Automation',
      appType: 'non_interactive',
      managementScopes: ['create:clients'],
    });
    const token = await request(harness().app)
      .post('/oauth/token')
      .set('Host', HOST)
      .send({ grant_type: 'client_credentials', client_id: automation.client.clientId, client_secret: automation.clientSecret, audience: `http://${HOST}/api/v2/` })
      .expect(200);
    const callback = 'https://robot.example/callback';
    const created = await request(harness().app)
      .post('/api/v2/clients')
      .set('Host', HOST)
      .set('authorization', `Bearer ${String(token.body.access_token)}`)
      .send({ name: 'Nightly robot', app_type: 'non_interactive', grant_types: ['client_credentials', 'authorization_code'], callbacks: [callback] })
      .expect(201);
    const clientId = String(created.body.client_id);
    // A new application that signs users in starts enabled on the tenant's connections.
    expect((await harness().store.connections.getByName('default', 'fitbit'))?.enabledClients).toContain(clientId);
    await enableOnlyFor(clientId);

    expect(await nextStepAfterTry()).toEqual(['Next: sign in to Nightly robot with Fitbit for real →']);
    const listed = await listedOnConnectionTab(clientId);
    expect(listed.refused).toBe(false);
    expect(listed.item).not.toContain('No user can sign in');
    // A whole login, in a browser of its own: /authorize, the sandbox's consent, back with a code.
    const browser = request.agent(harness().app).host(HOST);
    const started = await browser
      .get('/authorize')
      .query({ response_type: 'code', client_id: clientId, redirect_uri: callback, scope: 'openid', state: 's-robot', connection: 'fitbit' })
      .expect(302);
    const back = await sandboxApproval(browser, String(started.headers.location));
    let signedIn = new URL(String((await browser.get(`${back.pathname}${back.search}`).expect(302)).headers.location));
    // alice consented at this file's TRYs: her first real login brings no refresh token, and goes back to the sandbox's Google once for a consent.
    if (signedIn.searchParams.get('prompt') === 'consent') {
      const again = await sandboxApproval(browser, signedIn.href);
      signedIn = new URL(String((await browser.get(`${again.pathname}${again.search}`).expect(302)).headers.location));
    }
    expect(`${signedIn.origin}${signedIn.pathname}`).toBe(callback);
    expect(signedIn.searchParams.get('code')).toBeTruthy();
  });
});
