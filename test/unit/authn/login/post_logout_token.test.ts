import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { postLogoutToken as post, type PostOutcome } from '../../../../src/authn/login/post_logout_token.js';
import type { CalledUrlReach } from '../../../../src/domain/called_url_reach.js';
import { freePort } from '../../../support/free_port.js';
import { startLogoutReceiver, type LogoutReceiver } from '../../../support/authn/logout_receiver.js';

/**
 * How one logout token is posted: a form body, accepted on 2xx only, a redirect never followed (the
 * token is for the registered URL alone), and a receiver that does not answer given up on in time.
 */
/** The receivers listen on loopback, which development and test allow. */
const DEVELOPMENT: CalledUrlReach = { internal: true, ownPorts: new Map() };
const postLogoutToken = (url: string, token: string, timeoutMs = 5000): Promise<PostOutcome> => post(url, token, { reach: DEVELOPMENT, timeoutMs });

describe('postLogoutToken', () => {
  let receiver: LogoutReceiver;
  beforeAll(async () => {
    receiver = await startLogoutReceiver((path) => (path === '/hang' ? 'hang' : path === '/moved' ? 302 : path === '/no-content' ? 204 : 200));
  });
  afterAll(() => receiver.close());

  it('posts the token as a form, and takes 200 and 204 as accepted', async () => {
    expect(await postLogoutToken(`${receiver.url}/ok`, 'a.b.c')).toEqual({ ok: true });
    expect(await postLogoutToken(`${receiver.url}/no-content`, 'a.b.c')).toEqual({ ok: true });
    const got = receiver.received.find((request) => request.path === '/ok');
    expect(got?.contentType).toBe('application/x-www-form-urlencoded');
    expect(got?.form.get('logout_token')).toBe('a.b.c');
  });

  it('does not follow a redirect, and counts it as a refusal', async () => {
    const before = receiver.received.length;
    expect(await postLogoutToken(`${receiver.url}/moved`, 'a.b.c')).toEqual({ ok: false, reason: 'answered 302' });
    expect(receiver.received.length).toBe(before + 1);
  });

  it('gives up on a receiver that does not answer within the bound', async () => {
    expect(await postLogoutToken(`${receiver.url}/hang`, 'a.b.c', 200)).toEqual({ ok: false, reason: 'no answer within 200 ms' });
  });

  it('reports a receiver that cannot be reached by its cause', async () => {
    const outcome = await postLogoutToken(`http://127.0.0.1:${await freePort()}/logout`, 'a.b.c');
    expect(outcome).toEqual({ ok: false, reason: 'the request failed (ECONNREFUSED)' });
  });
});
