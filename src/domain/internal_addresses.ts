import { BlockList, isIP } from 'node:net';

/**
 * The kinds of IP address that reach this host or a network behind it rather than the internet.
 * fitgate posts to URLs that tenant admins and machine-to-machine clients register, so these are
 * kept out unless the operator says otherwise (called_url_reach.ts).
 */
export type InternalAddressKind = 'unspecified' | 'loopback' | 'private' | 'link-local' | 'shared' | 'unique-local';

/** How each kind reads in a message: "<address> is <description>". */
export const INTERNAL_ADDRESS_DESCRIPTIONS: Readonly<Record<InternalAddressKind, string>> = {
  unspecified: 'an unspecified address, which reaches this host',
  loopback: 'a loopback address of this host',
  private: 'an address of a private network',
  'link-local': 'a link-local address (cloud metadata services live there)',
  shared: 'a carrier-grade NAT address (100.64.0.0/10)',
  'unique-local': 'a unique local IPv6 address (fc00::/7)',
};

/** Loopback first: ::1 also lies in the IPv4-compatible form of 0.0.0.0/8 (below), and is loopback. */
const IPV4_RANGES: readonly [InternalAddressKind, string, number][] = [
  ['loopback', '127.0.0.0', 8],
  // 0.0.0.0/8 is "this network" (RFC 1122 §3.2.1.3); Linux connects 0.0.0.0 to this host.
  ['unspecified', '0.0.0.0', 8],
  ['private', '10.0.0.0', 8],
  ['private', '172.16.0.0', 12],
  ['private', '192.168.0.0', 16],
  ['link-local', '169.254.0.0', 16],
  ['shared', '100.64.0.0', 10],
];

const IPV6_RANGES: readonly [InternalAddressKind, string, number][] = [
  ['unspecified', '::', 128],
  ['loopback', '::1', 128],
  ['link-local', 'fe80::', 10],
  // Deprecated site-local addresses (RFC 3879), still routed inside some networks.
  ['private', 'fec0::', 10],
  ['unique-local', 'fc00::', 7],
  // Local-use NAT64 (RFC 8215): an operator's own translator, under prefixes of any length inside
  // this one, so the IPv4 address it reaches cannot be read out of the address; it may be internal.
  ['private', '64:ff9b:1::', 48],
];

/**
 * IPv6 prefixes whose last 32 bits are an IPv4 address the connection ends up at: IPv4-mapped
 * (::ffff:0:0/96, which Node connects over IPv4), NAT64's well-known prefix (64:ff9b::/96, RFC 6052)
 * and the deprecated IPv4-compatible form (::/96). Each IPv4 range is refused inside them too.
 */
const IPV4_IN_IPV6_PREFIXES = ['::ffff:', '64:ff9b::', '::'];

const LISTS: ReadonlyMap<InternalAddressKind, BlockList> = buildLists();

function buildLists(): Map<InternalAddressKind, BlockList> {
  const lists = new Map<InternalAddressKind, BlockList>();
  const listOf = (kind: InternalAddressKind) => lists.get(kind) ?? lists.set(kind, new BlockList()).get(kind)!;
  for (const [kind, network, prefix] of IPV4_RANGES) {
    listOf(kind).addSubnet(network, prefix, 'ipv4');
    for (const embedding of IPV4_IN_IPV6_PREFIXES) listOf(kind).addSubnet(`${embedding}${network}`, 96 + prefix, 'ipv6');
    listOf(kind).addSubnet(sixToFour(network), 16 + prefix, 'ipv6');
  }
  for (const [kind, network, prefix] of IPV6_RANGES) listOf(kind).addSubnet(network, prefix, 'ipv6');
  return lists;
}

/**
 * The 6to4 network (2002::/16, RFC 3056) of an IPv4 address: the IPv4 address in bits 16 to 47, which
 * a 6to4 relay unwraps and connects to.
 */
function sixToFour(ipv4: string): string {
  const [a, b, c, d] = ipv4.split('.').map((octet) => Number(octet).toString(16).padStart(2, '0'));
  return `2002:${a}${b}:${c}${d}::`;
}

/**
 * The kind of internal address `address` is (an IPv4 or IPv6 literal, brackets and an IPv6 zone
 * allowed), or undefined when it is a public address or no IP address at all.
 */
export function internalAddressKind(address: string): InternalAddressKind | undefined {
  const bare = address.replace(/^\[(.*)\]$/, '$1').replace(/%.*$/, '');
  const family = isIP(bare);
  if (family === 0) return undefined;
  const type = family === 4 ? 'ipv4' : 'ipv6';
  for (const [kind, list] of LISTS) if (list.check(bare, type)) return kind;
  return undefined;
}

/** Whether `address` is this host's own: a loopback or an unspecified address, in any of their forms. */
export function isThisHostAddress(address: string): boolean {
  const kind = internalAddressKind(address);
  return kind === 'loopback' || kind === 'unspecified';
}
