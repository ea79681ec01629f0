// biome-ignore-all lint/suspicious/noTemplateCurlyInString: probe commands are POSIX sh; ${...} is shell parameter expansion
/**
 * The `br-netfilter` probe and its parser: whether br_netfilter is loaded (`module`, `sysfs`), the
 * bridge-nf-call sysctls (`sysctl key value|absent`) and the modules-load.d files that load it at
 * boot (`persist file`), as `tag value` lines (br-netfilter-missing reads it).
 */
import type { Probe } from '../types';
import { splitBlocks, splitTag } from './blocks';
import type { Parsed } from './parsed';

/** br_netfilter: loaded, its sysctls, and where it is loaded at boot. */
export const brNetfilterProbe: Probe = {
  name: 'br-netfilter',
  command: [
    'if [ -r /proc/modules ]; then',
    // Builtins only (was `grep -q`; issue 16).
    '  m=not-loaded; while read -r a b; do if [ "$a" = br_netfilter ]; then m=loaded; break; fi; done </proc/modules; echo "module $m"',
    "else echo 'module no-proc-modules'; fi",
    "if [ -d /sys/module/br_netfilter ]; then echo 'sysfs present'; else echo 'sysfs absent'; fi",
    'for k in bridge-nf-call-iptables bridge-nf-call-ip6tables; do',
    '  f=/proc/sys/net/bridge/$k',
    '  if [ -r "$f" ]; then v=; IFS= read -r v <"$f"; echo "sysctl $k $v"; else echo "sysctl $k absent"; fi',
    'done',
    // Each line prefixed by builtins (was `| sed`; issue 16).
    "nl='",
    "'",
    "out=$(grep -s -r -l -E '^[[:space:]]*br_netfilter([[:space:]]|$)' /etc/modules-load.d /etc/modules /usr/lib/modules-load.d /run/modules-load.d)",
    'while [ -n "$out" ]; do l=${out%%"$nl"*}; printf \'persist %s\\n\' "$l"; out=${out#"$l"}; out=${out#"$nl"}; done',
    'echo "### end"',
  ].join('\n'),
};

export interface BrNetfilter {
  module: 'loaded' | 'not-loaded' | 'no-proc-modules';
  sysfs: 'present' | 'absent';
  /** bridge-nf-call-iptables: `0`, `1` (or another number), or `absent` when br_netfilter is not loaded. */
  call: string;
  /** bridge-nf-call-iptables (always present) and bridge-nf-call-ip6tables: a number or `absent`, in probe order. */
  sysctl: Record<string, string>;
  /** Files that load br_netfilter at boot. */
  persisted: string[];
}

const isModuleState = (text: string): text is BrNetfilter['module'] =>
  text === 'loaded' || text === 'not-loaded' || text === 'no-proc-modules';

export function parseBrNetfilter(lines: readonly string[]): Parsed<BrNetfilter> {
  const { head, blocks, complete } = splitBlocks(lines);
  const stray = blocks[0];
  if (stray) return { ok: false, what: 'unknown marker', line: `### ${stray.marker} ${stray.args}`, no: stray.no };
  let module: BrNetfilter['module'] | undefined;
  let sysfs: BrNetfilter['sysfs'] | undefined;
  const sysctl: Record<string, string> = {};
  const persisted: string[] = [];
  for (const { text, no } of head) {
    if (text.trim() === '') continue;
    const [tag, rest] = splitTag(text);
    if (tag === 'module' && isModuleState(rest)) module = rest;
    else if (tag === 'sysfs' && (rest === 'present' || rest === 'absent')) sysfs = rest;
    else if (tag === 'sysctl' && /^bridge-nf-call-ip6?tables (absent|\d+)$/.test(rest)) {
      const [key, value] = splitTag(rest);
      sysctl[key] = value;
    } else if (tag === 'persist' && rest !== '') persisted.push(rest);
    else return { ok: false, what: 'expected module/sysfs/sysctl/persist lines', line: text, no };
  }
  const call = sysctl['bridge-nf-call-iptables'];
  if (!complete || module === undefined || sysfs === undefined || call === undefined) {
    return { ok: false, what: 'some status lines are missing (output cut short?)', line: lines.join(' | '), no: 1 };
  }
  return { ok: true, value: { module, sysfs, call, sysctl, persisted } };
}
