/** IPv4 CIDR arithmetic for the pod-network checks. Pure. */
import { isIPv4 } from '../../probes/blocks';

export interface Cidr {
  text: string;
  base: number;
  prefix: number;
}

function toInt(address: string): number {
  return address.split('.').reduce((acc, part) => acc * 256 + Number(part), 0);
}

/** "192.168.0.0/16" -> Cidr; undefined for anything else (IPv6 ranges are not judged). */
export function parseCidr(text: string): Cidr | undefined {
  const match = /^(\d{1,3}(?:\.\d{1,3}){3})\/(\d{1,2})$/.exec(text.trim());
  if (!match || !isIPv4(match[1] ?? '')) return undefined;
  const prefix = Number(match[2]);
  if (prefix > 32) return undefined;
  const size = 2 ** (32 - prefix);
  return { text: text.trim(), base: toInt(match[1] ?? '') - (toInt(match[1] ?? '') % size), prefix };
}

export function contains(cidr: Cidr, address: string): boolean {
  if (!isIPv4(address)) return false;
  const size = 2 ** (32 - cidr.prefix);
  const value = toInt(address);
  return value >= cidr.base && value < cidr.base + size;
}

/** Do two ranges share an address? */
export function overlaps(a: Cidr, b: Cidr): boolean {
  const endA = a.base + 2 ** (32 - a.prefix);
  const endB = b.base + 2 ** (32 - b.prefix);
  return a.base < endB && b.base < endA;
}
