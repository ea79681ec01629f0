/**
 * The `ip-addr` probe and its parser: IPv4 addresses, one `ip -o -4 addr show` line each (iproute2
 * and busybox ip).
 */

import type { Probe } from '../types';
import { isIPv4, splitBlocks } from './blocks';
import type { Parsed } from './parsed';

/** IPv4 addresses, one line each (`ip -o`, which busybox ip also has). */
export const ipAddrProbe: Probe = {
  name: 'ip-addr',
  command: [
    'if command -v ip >/dev/null 2>&1; then echo "### ip"; ip -o -4 addr show 2>&1; else echo "### missing ip"; fi',
    'echo "### end"',
  ].join('\n'),
};

export interface Address {
  dev: string;
  address: string;
  prefix: number;
  text: string;
}

const ADDR = /^\d+:\s+(\S+?)(?:@\S+)?\s+inet\s+(\S+)\/(\d+)\b/;

/** Parses the `ip-addr` probe: `ip -o -4 addr show` lines. null addresses when `ip` is missing. */
export function parseAddrProbe(lines: readonly string[]): Parsed<Address[] | null> {
  const { head, blocks } = splitBlocks(lines);
  const firstHead = head.find((line) => line.text.trim() !== '');
  if (firstHead) return { ok: false, what: 'output before the first marker', line: firstHead.text, no: firstHead.no };
  const block = blocks[0];
  if (block === undefined) return { ok: false, what: 'no marker at all', line: lines[0] ?? '', no: 1 };
  if (block.marker === 'missing') return { ok: true, value: null };
  if (block.marker !== 'ip') return { ok: false, what: 'unknown marker', line: `### ${block.marker}`, no: block.no };
  const addresses: Address[] = [];
  for (const line of block.raw) {
    if (line.text.trim() === '') continue;
    const match = ADDR.exec(line.text);
    if (!match || !isIPv4(match[2] ?? ''))
      return { ok: false, what: 'not an `ip -o -4 addr` line', line: line.text, no: line.no };
    addresses.push({
      dev: match[1] ?? '',
      address: match[2] ?? '',
      prefix: Number(match[3]),
      text: line.text.replace(/\\\s+valid_lft.*$/, '').trim(),
    });
  }
  return { ok: true, value: addresses };
}
