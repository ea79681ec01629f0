// biome-ignore-all lint/suspicious/noTemplateCurlyInString: probe commands are POSIX sh; ${...} is shell parameter expansion
/**
 * The `ip-forward` probe and its parser: the kernel's net.ipv4.ip_forward (`value N`) and the
 * sysctl files that set it (`persist file:line`), as `tag value` lines (ip-forward-disabled reads it).
 */
import type { Probe } from '../types';
import { splitBlocks, splitTag } from './blocks';
import type { Parsed } from './parsed';

/** net.ipv4.ip_forward now and where sysctl files set it. */
export const ipForwardProbe: Probe = {
  name: 'ip-forward',
  command: [
    'if [ -r /proc/sys/net/ipv4/ip_forward ]; then v=; IFS= read -r v </proc/sys/net/ipv4/ip_forward; echo "value $v"; else echo "value missing"; fi',
    // Each line prefixed by builtins (was `| sed`; issue 16).
    "nl='",
    "'",
    "out=$(grep -s -r -E '^[[:space:]]*net[./]ipv4[./]ip_forward[[:space:]]*=' /etc/sysctl.conf /etc/sysctl.d /run/sysctl.d /usr/lib/sysctl.d)",
    'while [ -n "$out" ]; do l=${out%%"$nl"*}; printf \'persist %s\\n\' "$l"; out=${out#"$l"}; out=${out#"$nl"}; done',
    'echo "### end"',
  ].join('\n'),
};

export interface IpForward {
  /** The kernel's value as printed (`0`, `1`, ...), or `missing` when the file does not exist. */
  value: string;
  /** `file:line` of each sysctl setting, in grep's order (the last one wins at boot). */
  persisted: string[];
}

export function parseIpForward(lines: readonly string[]): Parsed<IpForward> {
  const { head, blocks, complete } = splitBlocks(lines);
  const stray = blocks[0];
  if (stray) return { ok: false, what: 'unknown marker', line: `### ${stray.marker} ${stray.args}`, no: stray.no };
  let value: string | undefined;
  const persisted: string[] = [];
  for (const { text, no } of head) {
    if (text.trim() === '') continue;
    const [tag, rest] = splitTag(text);
    if (tag === 'value') value = rest;
    else if (tag === 'persist') persisted.push(rest);
    else return { ok: false, what: 'expected "value ..." or "persist ..." lines', line: text, no };
  }
  if (value === undefined || !complete) {
    return { ok: false, what: 'no "value" line and end marker (output cut short?)', line: lines[0] ?? '', no: 1 };
  }
  return { ok: true, value: { value, persisted } };
}
