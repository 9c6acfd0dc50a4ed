import { expect, it } from '@jest/globals';
import request from 'supertest';
import { describeEachStore } from '../../../support/stores.js';
import { useBackChannel } from '../../../support/authn/back_channel_fixture.js';

describeEachStore('cross-origin calls from single-page apps', (harness) => {
  const backChannel = useBackChannel(harness);

  it('answers the preflight of /oauth/token, /oauth/revoke and /userinfo for any origin, without credentials', async () => {
    const bc = backChannel();
    for (const [path, method] of [['/oauth/token', 'POST'], ['/oauth/revoke', 'POST'], ['/userinfo', 'GET']] as const) {
      const response = await request(bc.app)
        .options(path)
        .set('Host', bc.host)
        .set('Origin', 'https://spa.example')
        .set('Access-Control-Request-Method', method)
        .set('Access-Control-Request-Headers', 'content-type, authorization')
        .expect(204);
      expect(response.headers['access-control-allow-origin']).toBe('*');
      expect(response.headers['access-control-allow-methods']).toContain(method);
      expect(response.headers['access-control-allow-headers']).toMatch(/Authorization/);
      expect(response.headers['access-control-allow-credentials']).toBeUndefined();
    }
  });

  it('never lets the session-bearing logout be read cross-origin', async () => {
    const bc = backChannel();
    const response = await request(bc.app).get('/v2/logout').set('Host', bc.host).set('Origin', 'https://spa.example').expect(200);
    expect(response.headers['access-control-allow-origin']).toBeUndefined();
  });
});
