// biome-ignore-all lint/suspicious/noTemplateCurlyInString: probe commands are POSIX sh; ${...} is shell parameter expansion
/**
 * The `kube-proxy-process` probe and its parser: the pids of processes named `kube-proxy`, as
 * `pid N` lines (iptables-kube-chains-flushed reads it).
 */
import type { Probe } from '../types';
import { splitBlocks, splitTag } from './blocks';
import type { Parsed } from './parsed';

/** Processes whose comm is `kube-proxy`, read from /proc by shell builtins. */
export const kubeProxyProcessProbe: Probe = {
  name: 'kube-proxy-process',
  command: [
    // Builtins only (was `grep -l -x` over every comm file; issue 16).
    'for c in /proc/[0-9]*/comm; do n=; read -r n 2>/dev/null <"$c" || continue; [ "$n" = kube-proxy ] || continue; d=${c%/comm}; echo "pid ${d#/proc/}"; done',
    'echo "### end"',
  ].join('\n'),
};

/** The pids of running kube-proxy processes, in /proc order (empty when none runs). */
export function parseKubeProxyProcess(lines: readonly string[]): Parsed<string[]> {
  const { head, blocks, complete } = splitBlocks(lines);
  const pids: string[] = [];
  for (const { text, no } of head) {
    if (text.trim() === '') continue;
    const [tag, rest] = splitTag(text);
    if (tag !== 'pid' || !/^\d+$/.test(rest)) return { ok: false, what: 'expected "pid <n>" lines', line: text, no };
    pids.push(rest);
  }
  const stray = blocks[0];
  if (stray) return { ok: false, what: 'unknown marker', line: `### ${stray.marker}`, no: stray.no };
  if (!complete) return { ok: false, what: 'no end marker (output cut short?)', line: lines[0] ?? '', no: 1 };
  return { ok: true, value: pids };
}
