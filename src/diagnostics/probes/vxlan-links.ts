/**
 * The `vxlan-links` probe and its parser: VXLAN tunnel devices (flannel.1, vxlan.calico, ...) with
 * their local address and underlying link, from `ip -d -j link show type vxlan`.
 */

import { z } from 'zod';
import type { Probe } from '../types';
import { splitBlocks } from './blocks';
import type { Parsed } from './parsed';

/** VXLAN tunnel devices (flannel.1, vxlan.calico, ...) with their local address and underlying link. */
export const vxlanLinksProbe: Probe = {
  name: 'vxlan-links',
  command: [
    'if ! command -v ip >/dev/null 2>&1; then echo "### missing ip";',
    'elif out=$(ip -d -j link show type vxlan 2>/dev/null); then echo "### json"; printf \'%s\\n\' "$out";',
    'else echo "### text"; ip -d link show type vxlan 2>&1; fi',
    'echo "### end"',
  ].join('\n'),
};

const vxlanLink = z.looseObject({
  ifname: z.string(),
  linkinfo: z.looseObject({
    info_kind: z.literal('vxlan'),
    info_data: z.looseObject({ local: z.string().optional(), link: z.string().optional() }).optional(),
  }),
});
const vxlanLinks = z.array(vxlanLink);

export interface Tunnel {
  name: string;
  local: string | undefined;
  link: string | undefined;
}

/** Parses the `vxlan-links` probe: null tunnels when `ip` is missing. */
export function parseVxlanLinksProbe(lines: readonly string[]): Parsed<Tunnel[] | null> {
  const { head, blocks, complete } = splitBlocks(lines);
  const stray = head.find((line) => line.text.trim() !== '');
  if (stray) return { ok: false, what: 'output before the first marker', line: stray.text, no: stray.no };
  if (!complete) {
    return {
      ok: false,
      what: 'no end marker (output cut short?)',
      line: lines[lines.length - 1] ?? '',
      no: lines.length,
    };
  }
  const block = blocks[0];
  if (block === undefined) return { ok: false, what: 'no marker at all', line: lines[0] ?? '', no: 1 };
  if (block.marker === 'missing') return { ok: true, value: null };
  if (block.marker === 'json') {
    let data: unknown;
    try {
      data = JSON.parse(block.raw.map((line) => line.text).join('\n') || '[]');
    } catch {
      return {
        ok: false,
        what: 'not JSON from ip -j',
        line: block.raw[0]?.text ?? '',
        no: block.raw[0]?.no ?? block.no,
      };
    }
    const parsed = vxlanLinks.safeParse(data);
    if (!parsed.success)
      return { ok: false, what: 'not a list of vxlan links', line: block.raw[0]?.text ?? '', no: block.no };
    return {
      ok: true,
      value: parsed.data.map((l) => ({
        name: l.ifname,
        local: l.linkinfo.info_data?.local,
        link: l.linkinfo.info_data?.link,
      })),
    };
  }
  if (block.marker === 'text') {
    const tunnels: Tunnel[] = [];
    let current: Tunnel | undefined;
    for (const { text } of block.raw) {
      const head = /^\d+:\s+([^:@\s]+)/.exec(text);
      if (head) {
        current = { name: head[1] ?? '', local: undefined, link: undefined };
        tunnels.push(current);
        continue;
      }
      const info = /\bvxlan\b.*?\blocal\s+(\S+)(?:.*?\bdev\s+(\S+))?/.exec(text);
      if (info && current) {
        current.local = info[1];
        current.link = info[2];
      }
    }
    return { ok: true, value: tunnels };
  }
  return { ok: false, what: 'unknown marker', line: `### ${block.marker}`, no: block.no };
}
