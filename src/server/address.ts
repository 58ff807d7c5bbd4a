/**
 * The address a request comes from, for per-address limits. The peer's
 * address is the answer unless the peer is a trusted reverse proxy: then the
 * X-Forwarded-For chain is walked from the right (the entry nearest to us)
 * past every trusted proxy, and the first untrusted entry is the client.
 * Without trusted proxies the header is ignored, so a client cannot choose
 * its own address by sending it.
 */
import { BlockList, isIP } from 'node:net';

export type AddressOf = (peer: string | undefined, forwardedFor: string | string[] | undefined) => string;

/** Normalises IPv4-mapped IPv6 (::ffff:1.2.3.4) to plain IPv4. */
function plain(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return mapped ? mapped[1]! : address;
}

/** Parses "10.0.0.1", "10.0.0.0/8", "::1", "fd00::/8" into a BlockList; throws on anything else. */
export function trustList(entries: readonly string[]): BlockList {
  const list = new BlockList();
  for (const entry of entries) {
    const [host, bits] = entry.split('/') as [string, string | undefined];
    const family = isIP(host);
    if (family === 0) throw new Error(`trusted proxy "${entry}" is not an IP address or CIDR range`);
    const type = family === 4 ? 'ipv4' : 'ipv6';
    if (bits === undefined) list.addAddress(host, type);
    else {
      const prefix = Number(bits);
      if (!Number.isInteger(prefix) || prefix < 0 || prefix > (family === 4 ? 32 : 128)) throw new Error(`trusted proxy "${entry}" has a bad prefix length`);
      list.addSubnet(host, prefix, type);
    }
  }
  return list;
}

export function addressResolver(trustedProxies: readonly string[]): AddressOf {
  const trusted = trustList(trustedProxies);
  const isTrusted = (address: string): boolean => {
    const family = isIP(address);
    return family !== 0 && trusted.check(address, family === 4 ? 'ipv4' : 'ipv6');
  };
  return (peer, forwardedFor) => {
    const direct = plain(peer ?? 'unknown');
    if (trustedProxies.length === 0 || !isTrusted(direct) || forwardedFor === undefined) return direct;
    const chain = (Array.isArray(forwardedFor) ? forwardedFor.join(',') : forwardedFor)
      .split(',')
      .map((s) => plain(s.trim()))
      .filter(Boolean);
    for (let i = chain.length - 1; i >= 0; i--) {
      const hop = chain[i]!;
      // A malformed entry is where the trustworthy part of the chain ends.
      if (isIP(hop) === 0) return direct;
      if (!isTrusted(hop)) return hop;
    }
    return chain[0] ?? direct;
  };
}
