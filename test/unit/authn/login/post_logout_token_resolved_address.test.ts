import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import type { LookupAddress } from 'node:dns';
import { postLogoutToken, type Resolver } from '../../../../src/authn/login/post_logout_token.js';
import type { CalledUrlReach } from '../../../../src/domain/called_url_reach.js';
import { startLogoutReceiver, type LogoutReceiver } from '../../../support/authn/logout_receiver.js';

const PRODUCTION: CalledUrlReach = { internal: false, ownPorts: new Map() };
const ALLOWED: CalledUrlReach = { internal: true, ownPorts: new Map() };
const TIMEOUT_MS = 5000;

/** A DNS that answers `answers` for every name, and remembers the names it was asked. */
function fakeDns(answers: readonly string[]): { resolver: Resolver; asked: string[] } {
  const asked: string[] = [];
  const resolver: Resolver = (hostname, _options, callback) => {
    asked.push(hostname);
    const addresses: LookupAddress[] = answers.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
    process.nextTick(() => callback(null, addresses));
  };
  return { resolver, asked };
}

/**
 * A back-channel logout URL whose host is a name is judged by the address the name resolves to, as
 * the connection is made: a public name pointed at 127.0.0.1 or a private address is refused like
 * the address itself, unless this server allows internal hosts, and fitgate's own ports never. The
 * receiver below listens on 127.0.0.1, so "refused" is checked by what it received.
 */
describe('postLogoutToken, by the address a host resolves to', () => {
  let receiver: LogoutReceiver;
  let port: string;
  beforeAll(async () => {
    receiver = await startLogoutReceiver();
    port = new URL(receiver.url).port;
  });
  beforeEach(() => {
    receiver.received.length = 0;
  });
  afterAll(() => receiver.close());

  it('refuses a name that resolves to loopback, and sends nothing', async () => {
    const dns = fakeDns(['127.0.0.1']);
    const outcome = await postLogoutToken(`http://receiver.example:${port}/bcl`, 'a.b.c', { reach: PRODUCTION, timeoutMs: TIMEOUT_MS, resolver: dns.resolver });
    expect(outcome).toEqual({
      ok: false,
      refused: true,
      reason:
        'must point at a public host (fitgate calls this URL itself: receiver.example (resolved to 127.0.0.1) is a loopback address of this host, which this server calls only when FITGATE_BACKCHANNEL_ALLOW_INTERNAL is on)',
    });
    expect(dns.asked).toEqual(['receiver.example']);
    expect(receiver.received).toEqual([]);
  });

  it('refuses a name when any one of its addresses is internal', async () => {
    const dns = fakeDns(['93.184.215.14', '::ffff:10.0.0.5']);
    const outcome = await postLogoutToken('https://receiver.example/bcl', 'a.b.c', { reach: PRODUCTION, timeoutMs: TIMEOUT_MS, resolver: dns.resolver });
    expect(outcome).toMatchObject({ ok: false, refused: true, reason: expect.stringContaining('receiver.example (resolved to ::ffff:10.0.0.5) is an address of a private network') });
  });

  it('sends to the address the name resolves to when this server allows internal hosts', async () => {
    const dns = fakeDns(['127.0.0.1']);
    const outcome = await postLogoutToken(`http://receiver.example:${port}/bcl`, 'a.b.c', { reach: ALLOWED, timeoutMs: TIMEOUT_MS, resolver: dns.resolver });
    expect(outcome).toEqual({ ok: true });
    expect(receiver.received.map((got) => got.form.get('logout_token'))).toEqual(['a.b.c']);
  });

  it("refuses a name that resolves to fitgate's own port on this host, even when internal hosts are allowed", async () => {
    const dns = fakeDns(['127.0.0.1']);
    const own: CalledUrlReach = { internal: true, ownPorts: new Map([[Number(port), 'metrics listener']]) };
    const outcome = await postLogoutToken(`http://receiver.example:${port}/metrics`, 'a.b.c', { reach: own, timeoutMs: TIMEOUT_MS, resolver: dns.resolver });
    expect(outcome).toEqual({
      ok: false,
      refused: true,
      reason: `must not point at fitgate itself (fitgate calls this URL itself: port ${port} on receiver.example (resolved to 127.0.0.1) is its metrics listener)`,
    });
    expect(receiver.received).toEqual([]);
  });

  it("asks the system's resolver by default: localhost resolves to loopback and is refused", async () => {
    const outcome = await postLogoutToken(`http://localhost:${port}/bcl`, 'a.b.c', { reach: PRODUCTION, timeoutMs: TIMEOUT_MS });
    expect(outcome).toMatchObject({ ok: false, refused: true, reason: expect.stringMatching(/^must point at a public host \(fitgate calls this URL itself: localhost \(resolved to (127\.0\.0\.1|::1)\) is a loopback address/) });
    expect(receiver.received).toEqual([]);
  });

  it('refuses an internal IP literal without resolving anything', async () => {
    const dns = fakeDns(['93.184.215.14']);
    const outcome = await postLogoutToken(`${receiver.url}/bcl`, 'a.b.c', { reach: PRODUCTION, timeoutMs: TIMEOUT_MS, resolver: dns.resolver });
    expect(outcome).toMatchObject({ ok: false, refused: true, reason: expect.stringContaining('127.0.0.1 is a loopback address of this host') });
    expect(dns.asked).toEqual([]);
    expect(receiver.received).toEqual([]);
  });
});
