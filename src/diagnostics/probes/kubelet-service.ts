// biome-ignore-all lint/suspicious/noTemplateCurlyInString: probe commands are POSIX sh; ${...} is shell parameter expansion
/**
 * The `kubelet-service` probe and its parser: what systemd says about kubelet.service
 * (`show Key=Value` lines of `systemctl show`; scripts before issue 16 also printed
 * `is-active <state>`), or `### missing systemctl` (kubelet-inactive reads it).
 */
import type { Probe } from '../types';
import { splitBlocks, splitTag } from './blocks';
import type { Parsed } from './parsed';

/**
 * The unit's load/active state, result and restart count. `systemctl is-active kubelet` prints the
 * unit's ActiveState, which `show` has too: one systemctl instead of two (issue 16: 12.6 ms of node
 * CPU each in the lab, where systemctl only finds that systemd is not running).
 */
export const kubeletServiceProbe: Probe = {
  name: 'kubelet-service',
  command: [
    "nl='",
    "'",
    'if command -v systemctl >/dev/null 2>&1; then',
    // Each line prefixed by builtins (was `| sed`; issue 16).
    '  out=$(systemctl show kubelet -p LoadState -p ActiveState -p SubState -p Result -p NRestarts -p ExecMainStatus 2>&1)',
    'while [ -n "$out" ]; do l=${out%%"$nl"*}; printf \'show %s\\n\' "$l"; out=${out#"$l"}; out=${out#"$nl"}; done',
    'else echo "### missing systemctl"; fi',
    'echo "### end"',
  ].join('\n'),
};

export interface KubeletService {
  /**
   * The unit's ActiveState (what `systemctl is-active kubelet` prints): from the `is-active` line
   * where the output has one, else from `show ActiveState=`, else systemctl's first line (its error).
   */
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
  active ??= show.get('ActiveState') ?? showLines.find((line) => !/^[A-Za-z]+=/.test(line));
  if (active === undefined || !complete)
    return { ok: false, what: 'no active state (output cut short?)', line: lines[0] ?? '', no: 1 };
  return { ok: true, value: { active, show, showLines } };
}
