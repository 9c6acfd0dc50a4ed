import { describe, expect, it } from '@jest/globals';
import { useManagementHarness } from './harness.js';

let admin: string;
const harness = useManagementHarness('management-backchannel-url-loopback', async (started) => {
  admin = await started.tokenWith(['read:clients', 'create:clients', 'update:clients']);
});

/**
 * fitgate posts logout tokens to oidc_logout.backchannel_logout_urls itself, and Node's resolver does
 * not map `*.localhost` to loopback as browsers do: plain http is taken for `localhost` and loopback
 * addresses only, while the browser-followed URLs (callbacks) keep accepting `*.localhost`.
 */
describe('plain http in a back-channel logout URL', () => {
  const withUrl = (url: string) => ({ oidc_logout: { backchannel_logout_urls: [url] } });

  it.each(['http://localhost:4000/bcl', 'http://127.0.0.1:4000/bcl', 'http://[::1]:4000/bcl'])('is taken on %s', async (url) => {
    const created = await harness.call('post', '/clients', admin, { name: 'Web', ...withUrl(url) }).expect(201);
    expect(created.body.oidc_logout).toEqual({ backchannel_logout_urls: [url] });
  });

  it('is refused on a *.localhost name, on POST and on PATCH, naming the property', async () => {
    const posted = await harness.call('post', '/clients', admin, { name: 'Web', ...withUrl('http://app.localhost:4000/bcl') }).expect(400);
    expect(posted.body).toMatchObject({ statusCode: 400, error: 'Bad Request', errorCode: 'invalid_body' });
    expect(posted.body.message).toBe(
      "Payload validation error: 'http://app.localhost:4000/bcl must use https (fitgate calls this URL itself: plain http is allowed only for localhost, 127.0.0.0/8 and [::1])' on property oidc_logout.backchannel_logout_urls.0.",
    );

    const created = await harness.call('post', '/clients', admin, { name: 'Web' }).expect(201);
    const id = encodeURIComponent(created.body.client_id as string);
    await harness.call('patch', `/clients/${id}`, admin, withUrl('http://bcl.app.localhost/logout')).expect(400);
    expect((await harness.call('get', `/clients/${id}`, admin).expect(200)).body).not.toHaveProperty('oidc_logout');
  });

  it('stays taken in the callbacks of the same client, which a browser follows', async () => {
    const created = await harness
      .call('post', '/clients', admin, { name: 'Web', callbacks: ['http://app.localhost:3000/callback'], ...withUrl('https://app.localhost/bcl') })
      .expect(201);
    expect(created.body.callbacks).toEqual(['http://app.localhost:3000/callback']);
  });
});
