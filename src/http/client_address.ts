import { isIPv6 } from 'node:net';

/**
 * The address a per-address rate limit counts against. IPv4 (also when written IPv4-mapped) is the
 * address itself; IPv6 is its /64, the block one subscriber or host gets, so that stepping through
 * the 2^64 addresses one is handed does not escape the limit.
 */
export function clientAddressKey(ip: string | undefined): string {
  if (!ip) return 'unknown';
  const address = ip.replace(/%.*$/, '');
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(address);
  if (mapped?.[1]) return mapped[1];
  if (!isIPv6(address)) return address;
  return `${firstFourGroups(address).join(':')}::/64`;
}

function firstFourGroups(address: string): string[] {
  const [head = '', tail] = address.split('::');
  const headGroups = head ? head.split(':') : [];
  // An embedded IPv4 address at the end fills two groups; only the count matters here.
  const tailGroups = tail ? tail.split(':').flatMap((group) => (group.includes('.') ? ['0', '0'] : [group])) : [];
  const zeros = tail === undefined ? [] : Array<string>(8 - headGroups.length - tailGroups.length).fill('0');
  return [...headGroups, ...zeros, ...tailGroups].slice(0, 4).map((group) => parseInt(group, 16).toString(16));
}
