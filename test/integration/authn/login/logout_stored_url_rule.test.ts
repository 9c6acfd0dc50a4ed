import { expect, it } from '@jest/globals';
import request from 'supertest';
import { describeEachStore } from '../../../support/stores.js';
import { useBackChannel } from '../../../support/authn/back_channel_fixture.js';

/**
 * Logout URLs saved before the application URL rule existed (straight into the store here, as an
 * older fitgate let the Management API do) are refused at /v2/logout with a page, never followed.
 */
describeEachStore('/v2/logout with a logout URL the URL rule refuses', (harness) => {
  const backChannel = useBackChannel(harness);
  const stored = ['javascript:alert(1)//', 'https://app.example/bye#frag', 'http://app.example/bye', 'data:text/html,bye'];

  it.each(stored)('signs out but shows a page instead of going to the registered returnTo %s', async (returnTo) => {
    const bc = backChannel();
    const { client } = await bc.addClient({ allowedLogoutUrls: stored });
    const response = await request(bc.app).get('/v2/logout').set('Host', bc.host).query({ client_id: client.clientId, returnTo }).expect(400);
    expect(response.headers.location).toBeUndefined();
    expect(response.text).toContain('You are signed out');
    expect(response.text).toContain('is no longer accepted');
  });
});
