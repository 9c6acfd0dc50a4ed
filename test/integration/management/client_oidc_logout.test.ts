import { describe, expect, it } from '@jest/globals';
import { useManagementHarness } from './harness.js';

let admin: string;
const harness = useManagementHarness('management-client-oidc-logout', async (started) => {
  admin = await started.tokenWith(['read:clients', 'create:clients', 'update:clients']);
});

const URL_ = 'https://app.example/backchannel-logout';

/**
 * Auth0's `oidc_logout` client setting: one back-channel logout URL, held to the application URL rule
 * (https, or http on a loopback host), with its initiators, through POST, PATCH and GET /clients.
 */
describe("a client's oidc_logout", () => {
  it('is stored from POST, returned by GET, and replaced by PATCH', async () => {
    const created = await harness
      .call('post', '/clients', admin, { name: 'Web', oidc_logout: { backchannel_logout_urls: [URL_] } })
      .expect(201);
    const id = encodeURIComponent(created.body.client_id as string);
    expect(created.body.oidc_logout).toEqual({ backchannel_logout_urls: [URL_] });
    expect(await harness.store.clients.get(harness.tenant.name, created.body.client_id as string)).toMatchObject({
      oidcLogout: { backchannelLogoutUrls: [URL_] },
    });

    const initiators = { mode: 'custom', selected_initiators: ['rp-logout', 'idp-logout'] };
    const patched = await harness
      .call('patch', `/clients/${id}`, admin, { oidc_logout: { backchannel_logout_urls: ['http://localhost:4000/logout'], backchannel_logout_initiators: initiators } })
      .expect(200);
    expect(patched.body.oidc_logout).toEqual({ backchannel_logout_urls: ['http://localhost:4000/logout'], backchannel_logout_initiators: initiators });
    expect((await harness.call('get', `/clients/${id}`, admin).expect(200)).body.oidc_logout).toEqual(patched.body.oidc_logout);

    // A PATCH of other settings leaves it as it was; an empty list removes it.
    expect((await harness.call('patch', `/clients/${id}`, admin, { description: 'x' }).expect(200)).body.oidc_logout).toEqual(patched.body.oidc_logout);
    const cleared = await harness.call('patch', `/clients/${id}`, admin, { oidc_logout: { backchannel_logout_urls: [] } }).expect(200);
    expect(cleared.body.oidc_logout).toBeUndefined();
  });

  it('is absent from a client that never set it', async () => {
    const created = await harness.call('post', '/clients', admin, { name: 'Plain' }).expect(201);
    expect(created.body).not.toHaveProperty('oidc_logout');
  });

  it.each([
    ['plain http to a public host', 'http://app.example/logout', 'must use https'],
    ['a relative URL', '/logout', 'is not an absolute URL'],
    ['a custom scheme', 'com.example.app:/logout', 'custom scheme'],
    ['a fragment', 'https://app.example/logout#x', 'fragment'],
  ])('refuses %s with a 400 naming the property', async (_what, value, problem) => {
    const answer = await harness.call('post', '/clients', admin, { name: 'Web', oidc_logout: { backchannel_logout_urls: [value] } }).expect(400);
    expect(answer.body).toMatchObject({ statusCode: 400, error: 'Bad Request', errorCode: 'invalid_body' });
    expect(answer.body.message).toContain(problem);
    expect(answer.body.message).toContain('on property oidc_logout.backchannel_logout_urls.0.');
  });

  it('refuses more than one URL, as Auth0 does, on POST and PATCH', async () => {
    const two = { oidc_logout: { backchannel_logout_urls: [URL_, 'https://other.example/logout'] } };
    const posted = await harness.call('post', '/clients', admin, { name: 'Web', ...two }).expect(400);
    expect(posted.body.message).toBe("Payload validation error: 'Only one back-channel logout URL is allowed' on property oidc_logout.backchannel_logout_urls.");
    const created = await harness.call('post', '/clients', admin, { name: 'Web' }).expect(201);
    await harness.call('patch', `/clients/${encodeURIComponent(created.body.client_id as string)}`, admin, two).expect(400);
  });

  it('refuses unknown initiators and fields', async () => {
    const unknownInitiator = { backchannel_logout_urls: [URL_], backchannel_logout_initiators: { mode: 'custom', selected_initiators: ['whenever'] } };
    await harness.call('post', '/clients', admin, { name: 'Web', oidc_logout: unknownInitiator }).expect(400);
    const unknownField = await harness.call('post', '/clients', admin, { name: 'Web', oidc_logout: { backchannel_logout_urls: [URL_], frontchannel: true } }).expect(400);
    expect(unknownField.body.message).toContain('frontchannel');
  });
});
