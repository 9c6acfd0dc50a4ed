import { describe, expect, it } from '@jest/globals';
import { internalAddressKind, isThisHostAddress } from '../../../src/domain/internal_addresses.js';

/**
 * Which IP addresses lead to this host or a network behind it, in IPv4, IPv6 and the IPv6 forms that
 * carry an IPv4 address (mapped, NAT64, compatible): the first and last address of each range are in
 * it, the addresses just outside are public.
 */
describe('internal addresses', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.255.255.255', 'loopback'],
    ['0.0.0.0', 'unspecified'],
    ['0.255.255.255', 'unspecified'],
    ['10.0.0.0', 'private'],
    ['10.255.255.255', 'private'],
    ['172.16.0.0', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.0.0', 'private'],
    ['192.168.255.255', 'private'],
    ['169.254.0.0', 'link-local'],
    ['169.254.169.254', 'link-local'],
    ['100.64.0.0', 'shared'],
    ['100.127.255.255', 'shared'],
  ])('IPv4 %s is %s', (address, kind) => {
    expect(internalAddressKind(address)).toBe(kind);
  });

  it.each(['1.1.1.1', '8.8.8.8', '9.255.255.255', '11.0.0.0', '126.255.255.255', '128.0.0.0', '172.15.255.255', '172.32.0.0', '192.167.255.255', '192.169.0.0', '169.253.255.255', '169.255.0.0', '100.63.255.255', '100.128.0.0'])(
    'IPv4 %s is public',
    (address) => {
      expect(internalAddressKind(address)).toBeUndefined();
    },
  );

  it.each([
    ['::1', 'loopback'],
    ['[::1]', 'loopback'],
    ['::', 'unspecified'],
    ['fe80::1', 'link-local'],
    ['fe80::1%eth0', 'link-local'],
    ['febf:ffff::1', 'link-local'],
    ['fec0::1', 'private'],
    ['fc00::1', 'unique-local'],
    ['fd12:3456:789a::1', 'unique-local'],
  ])('IPv6 %s is %s', (address, kind) => {
    expect(internalAddressKind(address)).toBe(kind);
  });

  it.each(['2001:db8::1', '2606:4700:4700::1111', '::2:0:0:1', 'fbff:ffff::1', 'ff02::1'])('IPv6 %s is not internal', (address) => {
    expect(internalAddressKind(address)).toBeUndefined();
  });

  it.each([
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:7f00:1', 'loopback'],
    ['[::ffff:7f00:1]', 'loopback'],
    ['::ffff:0.0.0.0', 'unspecified'],
    ['::ffff:10.1.2.3', 'private'],
    ['::ffff:a01:203', 'private'],
    ['::ffff:172.16.0.1', 'private'],
    ['::ffff:192.168.1.1', 'private'],
    ['::ffff:169.254.169.254', 'link-local'],
    ['::ffff:100.64.0.1', 'shared'],
    ['64:ff9b::10.0.0.1', 'private'],
    ['64:ff9b::7f00:1', 'loopback'],
    ['::127.0.0.1', 'loopback'],
    ['::10.0.0.1', 'private'],
  ])('IPv6 carrying IPv4, %s, is %s', (address, kind) => {
    expect(internalAddressKind(address)).toBe(kind);
  });

  it.each(['::ffff:8.8.8.8', '::ffff:808:808', '64:ff9b::8.8.8.8', '::ffff:172.32.0.1'])('IPv6 carrying a public IPv4, %s, is public', (address) => {
    expect(internalAddressKind(address)).toBeUndefined();
  });

  it('takes no host name for an address', () => {
    expect(internalAddressKind('localhost')).toBeUndefined();
    expect(internalAddressKind('10.0.0.1.example')).toBeUndefined();
    expect(internalAddressKind('')).toBeUndefined();
  });

  it("names loopback and unspecified addresses, in every form, as this host's own", () => {
    for (const address of ['127.0.0.1', '127.1.2.3', '0.0.0.0', '::1', '::', '::ffff:127.0.0.1', '::ffff:0:0']) expect(isThisHostAddress(address)).toBe(true);
    for (const address of ['10.0.0.1', '169.254.169.254', 'fd00::1', '8.8.8.8', 'localhost']) expect(isThisHostAddress(address)).toBe(false);
  });
});
