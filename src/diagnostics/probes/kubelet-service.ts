// biome-ignore-all lint/suspicious/noTemplateCurlyInString: probe commands are POSIX sh; ${...} is shell parameter expansion
/**
 * The `kubelet-service` probe and its parser: what systemd says about kubelet.service
 * (`is-active <state>`, `show Key=Value` lines of `systemctl show`), or `### missing systemctl`
 * (kubelet-inactive reads it).
 */
import type { Probe } from '../types';
import { splitBlocks, splitTag } from './blocks';
import type { Parsed } from './parsed';

/** `systemctl is-active kubelet` and the unit's load/active state, result and restart count. */
export const kubeletServiceProbe: Probe = {
  name: 'kubelet-service',
  command: [
    "nl='",
    "'",
    'if command -v systemctl >/dev/null 2>&1; then',
    '  v=$(systemctl is-active kubelet 2>&1); echo "is-active ${v%%"$nl"*}"',
    // Each line prefixed by builtins (was `| sed`; issue 16).
    '  out=$(systemctl show kubelet -p LoadState -p ActiveState -p SubState -p Result -p NRestarts -p ExecMainStatus 2>&1)',
    'while [ -n "$out" ]; do l=${out%%"$nl"*}; printf \'show %s\\n\' "$l"; out=${out#"$l"}; out=${out#"$nl"}; done',
    'else echo "### missing systemctl"; fi',
    'echo "### end"',
  ].join('\n'),
};

export interface KubeletService {
  /** The first line `systemctl is-active kubelet` printed: a unit state, or systemctl's error. */
  active: string;
  /** `Key=Value` of the `show` lines. */
  show: Map<string, string>;
  /** The `show` lines as printed, for evidence (systemctl's errors included). */
  showLines: string[];
}

/** The unit's state, or null when systemctl is not installed. */
export function parseKubeletService(lines: readonly string[]): Parsed<KubeletService | null> {
  const { head, blocks, complete } = splitBlocks(lines);
  if (blocks.some((block) => block.marker === 'missing')) return { ok: true, value: null };
  const stray = blocks[0];
  if (stray) return { ok: false, what: 'unknown marker', line: `### ${stray.marker}`, no: stray.no };
  let active: string | undefined;
  const show = new Map<string, string>();
  const showLines: string[] = [];
  for (const { text, no } of head) {
    if (text.trim() === '') continue;
    const [tag, rest] = splitTag(text);
    if (tag === 'is-active') active = rest;
    else if (tag === 'show') {
      const eq = rest.indexOf('=');
      if (eq > 0) show.set(rest.slice(0, eq), rest.slice(eq + 1));
      showLines.push(rest);
    } else return { ok: false, what: 'expected "is-active ..." or "show ..." lines', line: text, no };
  }
  if (active === undefined || !complete)
    return { ok: false, what: 'no "is-active" line (output cut short?)', line: lines[0] ?? '', no: 1 };
  return { ok: true, value: { active, show, showLines } };
}
