/**
 * The `vbox-networks` probe (Vagrant host): /etc/vbox/networks.conf quoted line by line
 * (host-only-range reads its `* 10.0.0.0/8 ...` lines).
 */
import type { Probe } from '../types';
import { blocksOrError } from './blocks';
import type { Parsed } from './parsed';

/** `* 10.0.0.0/8 192.168.0.0/16` lines of /etc/vbox/networks.conf. */
export const vboxNetworksProbe: Probe = {
  name: 'vbox-networks',
  command: [
    'p=/etc/vbox/networks.conf',
    'if [ -r "$p" ]; then echo "### file $p"; sed \'s/^/| /\' "$p"; elif [ -e "$p" ]; then echo "### unreadable $p";',
    'else echo "### nofile $p"; fi',
    'echo "### end"',
  ].join('\n'),
};

export interface VboxNetworks {
  /** The path of networks.conf when the probe quoted it; undefined when it is absent or unreadable. */
  file: string | undefined;
  /** The words of its `* range range...` lines, in order (the check keeps those that are IPv4 CIDRs). */
  ranges: string[];
}

/** The quoted networks.conf: its `*` lines' ranges; text before the first marker or no end marker is an error. */
export function parseVboxNetworks(lines: readonly string[]): Parsed<VboxNetworks> {
  const blocks = blocksOrError(lines);
  if (!blocks.ok) return blocks;
  const conf = blocks.value[0];
  if (conf?.marker !== 'file') return { ok: true, value: { file: undefined, ranges: [] } };
  const ranges: string[] = [];
  for (const { text } of conf.quoted) {
    if (!/^\s*\*/.test(text)) continue;
    ranges.push(
      ...text
        .replace(/^\s*\*/, '')
        .trim()
        .split(/\s+/),
    );
  }
  return { ok: true, value: { file: conf.args, ranges } };
}
