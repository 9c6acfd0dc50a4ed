import { describe, expect, it } from '@jest/globals';
import { calledUrlProblem } from '../../../src/domain/application_urls.js';
import { calledAddressProblem, calledUrlReach, type CalledUrlReach } from '../../../src/domain/called_url_reach.js';

/** fitgate listening on 3000, metrics on 9464. */
const OWN_PORTS = new Map([
  [3000, 'own listener'],
  [9464, 'metrics listener'],
]);
const PRODUCTION: CalledUrlReach = { internal: false, ownPorts: OWN_PORTS };
const ALLOWED: CalledUrlReach = { internal: true, ownPorts: OWN_PORTS };

const INTERNAL = /^must point at a public host \(fitgate calls this URL itself: .+ is .+, which this server calls only when FITGATE_BACKCHANNEL_ALLOW_INTERNAL is on\)$/;

/**
 * Where a back-channel logout URL may lead. Without FITGATE_BACKCHANNEL_ALLOW_INTERNAL (production's
 * default), neither plain http (loopback only) nor an https host that is this machine or a private
 * network; with it, both as in development. fitgate's own ports on this host never.
 */
describe('the reach of URLs fitgate calls itself', () => {
  it.each(['http://localhost:4000/bcl', 'http://127.0.0.1:4000/bcl', 'http://[::1]:4000/bcl'])('refuses plain http on loopback, %s, unless allowed', (url) => {
    expect(calledUrlProblem(url, PRODUCTION)).toBe(
      'must use https (fitgate calls this URL itself: plain http is allowed only for localhost, 127.0.0.0/8 and [::1], which this server calls only when FITGATE_BACKCHANNEL_ALLOW_INTERNAL is on)',
    );
    expect(calledUrlProblem(url, ALLOWED)).toBeUndefined();
  });

  it('says the same of plain http off loopback, which is refused either way', () => {
    expect(calledUrlProblem('http://app.example/bcl', PRODUCTION)).toBe(calledUrlProblem('http://localhost:4000/bcl', PRODUCTION));
    expect(calledUrlProblem('http://app.example/bcl', ALLOWED)).toBe('must use https (fitgate calls this URL itself: plain http is allowed only for localhost, 127.0.0.0/8 and [::1])');
  });

  it.each([
    ['https://127.0.0.1/bcl', '127.0.0.1 is a loopback address of this host'],
    ['https://127.1/bcl', '127.0.0.1 is a loopback address of this host'],
    ['https://0x7f000001/bcl', '127.0.0.1 is a loopback address of this host'],
    ['https://[::1]/bcl', '[::1] is a loopback address of this host'],
    ['https://[::ffff:127.0.0.1]/bcl', '[::ffff:7f00:1] is a loopback address of this host'],
    ['https://0.0.0.0/bcl', '0.0.0.0 is an unspecified address, which reaches this host'],
    ['https://[::]/bcl', '[::] is an unspecified address, which reaches this host'],
    ['https://10.0.0.5/admin', '10.0.0.5 is an address of a private network'],
    ['https://172.20.1.1/bcl', '172.20.1.1 is an address of a private network'],
    ['https://192.168.1.10:8443/bcl', '192.168.1.10 is an address of a private network'],
    ['https://[::ffff:10.0.0.5]/bcl', '[::ffff:a00:5] is an address of a private network'],
    ['https://169.254.169.254/latest/meta-data', '169.254.169.254 is a link-local address (cloud metadata services live there)'],
    ['https://[fe80::1]/bcl', '[fe80::1] is a link-local address (cloud metadata services live there)'],
    ['https://100.64.0.1/bcl', '100.64.0.1 is a carrier-grade NAT address (100.64.0.0/10)'],
    ['https://[fd00::5]/bcl', '[fd00::5] is a unique local IPv6 address (fc00::/7)'],
    ['https://localhost/bcl', 'localhost is a name of this host'],
    ['https://localhost./bcl', 'localhost. is a name of this host'],
    ['https://app.localhost/bcl', 'app.localhost is a name of this host'],
  ])('refuses https to %s unless allowed', (url, why) => {
    const problem = calledUrlProblem(url, PRODUCTION);
    expect(problem).toMatch(INTERNAL);
    expect(problem).toContain(`: ${why}, which`);
    expect(calledUrlProblem(url, ALLOWED)).toBeUndefined();
  });

  it.each(['https://app.example/bcl', 'https://8.8.8.8/bcl', 'https://[2606:4700::1111]/bcl', 'https://172.32.0.1/bcl', 'https://[::ffff:8.8.8.8]/bcl'])('takes https to the public %s', (url) => {
    expect(calledUrlProblem(url, PRODUCTION)).toBeUndefined();
  });

  it.each([
    ['http://localhost:3000/bcl', 'port 3000 on localhost is its own listener'],
    ['http://127.0.0.1:9464/metrics', 'port 9464 on 127.0.0.1 is its metrics listener'],
    ['http://[::1]:3000/bcl', 'port 3000 on [::1] is its own listener'],
    ['https://localhost:3000/bcl', 'port 3000 on localhost is its own listener'],
    ['https://0.0.0.0:9464/metrics', 'port 9464 on 0.0.0.0 is its metrics listener'],
    ['https://[::ffff:127.0.0.1]:3000/bcl', 'port 3000 on [::ffff:7f00:1] is its own listener'],
    ['https://app.localhost:3000/bcl', 'port 3000 on app.localhost is its own listener'],
  ])("refuses fitgate's own port on this host, %s, even when allowed", (url, why) => {
    const expected = `must not point at fitgate itself (fitgate calls this URL itself: ${why})`;
    expect(calledUrlProblem(url, ALLOWED)).toBe(expected);
  });

  it("takes fitgate's port numbers on other hosts, and other ports on this host when allowed", () => {
    expect(calledUrlProblem('https://app.example:3000/bcl', PRODUCTION)).toBeUndefined();
    expect(calledUrlProblem('https://10.0.0.5:3000/bcl', ALLOWED)).toBeUndefined();
    expect(calledUrlProblem('http://localhost:3001/bcl', ALLOWED)).toBeUndefined();
  });

  it("counts the port a URL leaves out as its scheme's", () => {
    const ownHttps: CalledUrlReach = { internal: true, ownPorts: new Map([[443, 'own listener']]) };
    expect(calledUrlProblem('https://localhost/bcl', ownHttps)).toBe('must not point at fitgate itself (fitgate calls this URL itself: port 443 on localhost is its own listener)');
    expect(calledUrlProblem('http://localhost/bcl', ownHttps)).toBeUndefined();
  });

  it('judges a resolved address by the same rule, naming the host it was resolved for', () => {
    expect(calledAddressProblem('10.1.2.3', 443, PRODUCTION, 'app.example (resolved to 10.1.2.3)')).toBe(
      'must point at a public host (fitgate calls this URL itself: app.example (resolved to 10.1.2.3) is an address of a private network, which this server calls only when FITGATE_BACKCHANNEL_ALLOW_INTERNAL is on)',
    );
    expect(calledAddressProblem('127.0.0.1', 3000, ALLOWED)).toBe('must not point at fitgate itself (fitgate calls this URL itself: port 3000 on 127.0.0.1 is its own listener)');
    expect(calledAddressProblem('93.184.215.14', 443, PRODUCTION)).toBeUndefined();
  });
});

describe('the reach of this process', () => {
  const config = { backchannelAllowInternal: false, port: 3000, metricsPort: 9464 };

  it('holds the setting, PORT and FITGATE_METRICS_PORT', () => {
    expect(calledUrlReach(config)).toEqual(PRODUCTION);
    expect(calledUrlReach({ ...config, backchannelAllowInternal: true })).toEqual(ALLOWED);
  });

  it('holds the port it listens on when PORT is 0, once it listens', () => {
    const reach = calledUrlReach({ ...config, port: 0, metricsPort: undefined }, 'http://127.0.0.1:41234');
    expect([...reach.ownPorts]).toEqual([[41234, 'own listener']]);
    expect([...calledUrlReach({ ...config, port: 0, metricsPort: undefined }, '').ownPorts]).toEqual([]);
  });
});
