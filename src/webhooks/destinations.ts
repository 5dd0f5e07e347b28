import { BlockList, isIP } from 'node:net';

/**
 * Addresses a webhook must never reach unless WEBHOOK_ALLOW_PRIVATE is set: a receiver URL is chosen by an API
 * caller, and these would let it make the service call itself, its host or its network (SSRF).
 */
const NOT_PUBLIC: [string, number, 'ipv4' | 'ipv6', string][] = [
  ['0.0.0.0', 8, 'ipv4', 'an unspecified address'],
  ['10.0.0.0', 8, 'ipv4', 'a private address'],
  ['100.64.0.0', 10, 'ipv4', 'a shared (carrier-grade NAT) address'],
  ['127.0.0.0', 8, 'ipv4', 'a loopback address'],
  ['169.254.0.0', 16, 'ipv4', 'a link-local address'],
  ['172.16.0.0', 12, 'ipv4', 'a private address'],
  ['192.0.0.0', 24, 'ipv4', 'a reserved address'],
  ['192.168.0.0', 16, 'ipv4', 'a private address'],
  ['198.18.0.0', 15, 'ipv4', 'a benchmarking address'],
  ['224.0.0.0', 4, 'ipv4', 'a multicast address'],
  ['240.0.0.0', 4, 'ipv4', 'a reserved address'],
  ['::', 128, 'ipv6', 'an unspecified address'],
  ['::1', 128, 'ipv6', 'a loopback address'],
  ['fc00::', 7, 'ipv6', 'a private (unique local) address'],
  ['fe80::', 10, 'ipv6', 'a link-local address'],
  ['ff00::', 8, 'ipv6', 'a multicast address'],
];

const LISTS = NOT_PUBLIC.map(([network, prefix, family, kind]) => {
  const list = new BlockList();
  list.addSubnet(network, prefix, family);
  return { list, family, kind };
});

// An IPv4 address written inside IPv6 (::ffff:127.0.0.1, or NAT64's 64:ff9b::7f00:1) reaches the IPv4 address.
const EMBEDDED_IPV4 = /^(?:::ffff:|64:ff9b::)(?:(\d+\.\d+\.\d+\.\d+)|([0-9a-f]{1,4}):([0-9a-f]{1,4}))$/i;

function embeddedIpv4(address: string): string | null {
  const m = EMBEDDED_IPV4.exec(address);
  if (!m) return null;
  if (m[1]) return m[1];
  const high = parseInt(m[2] ?? '0', 16);
  const low = parseInt(m[3] ?? '0', 16);
  return [high >> 8, high & 255, low >> 8, low & 255].join('.');
}

/** What kind of non-public address `address` (an IP literal) is, e.g. `a loopback address`; null for a public one. */
export function nonPublicAddress(address: string): string | null {
  const v4 = embeddedIpv4(address);
  if (v4 !== null) return nonPublicAddress(v4);
  const family = isIP(address) === 6 ? 'ipv6' : 'ipv4';
  return LISTS.find((l) => l.family === family && l.list.check(address, family))?.kind ?? null;
}

/** The host of a URL as an address or a name: brackets of an IPv6 literal removed. */
export function hostOf(url: URL): string {
  return url.hostname.replace(/^\[(.*)\]$/, '$1');
}

/**
 * Why `text` cannot be a webhook destination, or null when it can: an absolute https URL (http too when private
 * destinations are allowed) whose host is not a non-public address. Host names are checked again, resolved, at
 * every delivery, since what a name resolves to can change.
 */
export function destinationProblem(text: string, allowPrivate: boolean): string | null {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return 'is not an absolute URL';
  }
  if (url.protocol !== 'https:' && !(allowPrivate && url.protocol === 'http:')) {
    return allowPrivate ? 'must be an http or https URL' : 'must be an https URL (plain http only with WEBHOOK_ALLOW_PRIVATE=true)';
  }
  if (url.username !== '' || url.password !== '') return 'must not carry a user name or password';
  if (allowPrivate) return null;
  const host = hostOf(url);
  const kind = isIP(host) !== 0 ? nonPublicAddress(host) : /(^|\.)localhost$/i.test(host) ? 'a loopback address' : null;
  return kind === null ? null : `must not point to ${kind} (${host}) unless WEBHOOK_ALLOW_PRIVATE=true`;
}
