import { describe, expect, it } from '@jest/globals';
import { internalAddressKind } from '../../../src/domain/internal_addresses.js';

/**
 * Two more IPv6 ways to reach an IPv4 address: 6to4 (2002::/16, the IPv4 address in bits 16-47,
 * which a relay connects to) carries each internal IPv4 range as itself, and local-use NAT64
 * (64:ff9b:1::/48), whose translator the address does not describe, is internal as a whole.
 */
describe('internal addresses behind 6to4 and local-use NAT64', () => {
  it.each([
    ['2002:7f00:1::', 'loopback'],
    ['2002:7f00:1::1', 'loopback'],
    ['2002:a00:1::', 'private'],
    ['2002:c0a8:101::5', 'private'],
    ['2002:a9fe:a9fe::', 'link-local'],
    ['2002:6440:1::', 'shared'],
    ['2002::', 'unspecified'],
  ])('6to4 %s is %s', (address, kind) => {
    expect(internalAddressKind(address)).toBe(kind);
  });

  it.each(['2002:808:808::', '2002:101:101::1'])('6to4 of a public IPv4, %s, is public', (address) => {
    expect(internalAddressKind(address)).toBeUndefined();
  });

  it.each(['64:ff9b:1::a9fe:a9fe', '[64:ff9b:1::a9fe:a9fe]', '64:ff9b:1:ffff:ffff:ffff:ffff:ffff', '64:ff9b:1::808:808'])('local-use NAT64 %s is internal', (address) => {
    expect(internalAddressKind(address)).toBe('private');
  });

  it('the NAT64 well-known prefix still reads its IPv4 address: a public one is public', () => {
    expect(internalAddressKind('64:ff9b::808:808')).toBeUndefined();
    expect(internalAddressKind('64:ff9b:2::1')).toBeUndefined();
  });
});
