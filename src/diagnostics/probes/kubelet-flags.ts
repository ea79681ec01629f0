// biome-ignore-all lint/suspicious/noTemplateCurlyInString: probe commands are POSIX sh; ${...} is shell parameter expansion
/**
 * The `kubelet-flags` probe and its parser: where kubelet flags come from (the files kubeadm and
 * packages use) and the running kubelet's command line; the --node-ip the kubelet uses.
 */

import type { Probe } from '../types';
import { blocksOrError, type Located } from './blocks';
import { tokenize } from './iptables';
import type { Parsed } from './parsed';

const FLAG_FILES = '/etc/default/kubelet /etc/sysconfig/kubelet /var/lib/kubelet/kubeadm-flags.env';

/**
 * What `sed -e '/^[[:space:]]*#/d' -e '/^[[:space:]]*$/d' -e 's/^/| /'` printed per file, after a
 * `### file PATH` header, for every file given; the pending headers in `h` first. A last line
 * without a newline now ends with one (sed left it open, so the next header joined it).
 */
const FLAGS_AWK = [
  'function pend(  n, i, a) { n = split(h, a, " "); for (i = 1; i <= n; i++) print (substr(a[i], 1, 2) == "m:" ? "### missing " : "### file ") substr(a[i], 3); h = "" }',
  'FNR == 1 { pend(); print "### file " FILENAME }',
  '!/^[[:space:]]*#/ && !/^[[:space:]]*$/ { print "| " $0 }',
  'END { pend() }',
].join('\n');

/** Where kubelet flags come from (the files kubeadm and packages use) and the running kubelet's command line. */
export const kubeletFlagsProbe: Probe = {
  name: 'kubelet-flags',
  needsRoot: true,
  command: [
    // One awk for every flags file (issue 16: it was one sed per file): the headers of missing
    // (`m:PATH`) and empty (`f:PATH`) files reach it in `h` before the next file, in file order.
    // The per-file seds where a file is unreadable or none has a line.
    'set --; h=; one=1',
    `for f in ${FLAG_FILES}; do`,
    '  if [ ! -f "$f" ]; then h="$h m:$f"',
    '  elif [ ! -r "$f" ]; then one=',
    '  elif [ -s "$f" ]; then set -- "$@" "h=$h" "$f"; h=',
    '  else h="$h f:$f"; fi',
    'done',
    'if [ -n "$one" ] && [ "$#" -gt 0 ]; then',
    `  awk '${FLAGS_AWK}' "$@" "h=$h"`,
    'else',
    `for f in ${FLAG_FILES}; do`,
    '  if [ -f "$f" ]; then echo "### file $f";',
    "    sed -e '/^[[:space:]]*#/d' -e '/^[[:space:]]*$/d' -e 's/^/| /' \"$f\";",
    '  else echo "### missing $f"; fi',
    'done',
    'fi',
    // Processes found by builtins (was `grep -l -x` over every comm file) and the command line without
    // `| sed`, which prefixed its one line); issue 16.
    'for c in /proc/[0-9]*/comm; do',
    '  n=; read -r n 2>/dev/null <"$c" || continue; [ "$n" = kubelet ] || continue',
    '  d=${c%/comm}; echo "### cmdline ${d#/proc/}"',
    "  printf '| '; tr '\\000' ' ' < \"$d/cmdline\"; echo",
    'done',
    'echo "### end"',
  ].join('\n'),
};

export interface KubeletFacts {
  /** Files that exist and their --node-ip, if any. */
  files: Array<{ file: string; nodeIp: Located | undefined; lines: string[] }>;
  /** Running kubelet processes and their --node-ip, if any. */
  processes: Array<{ pid: string; nodeIp: Located | undefined; cmdline: string }>;
}

/** Finds `--node-ip=X` or `--node-ip X` in shell-ish text (env files, command lines). */
export function findNodeIp(text: string): string | undefined {
  const tokens = tokenize(text.replace(/^[A-Z_]+=/, '').replace(/^["']|["']$/g, ''));
  for (let i = 0; i < tokens.length; i++) {
    const token = (tokens[i] ?? '').replace(/^[A-Z_]+=["']?/, '');
    if (token.startsWith('--node-ip=')) return token.slice('--node-ip='.length).replace(/["']/g, '');
    if (token === '--node-ip') return (tokens[i + 1] ?? '').replace(/["']/g, '') || undefined;
  }
  return undefined;
}

export function parseKubeletFlagsProbe(lines: readonly string[]): Parsed<KubeletFacts> {
  const split = blocksOrError(lines);
  if (!split.ok) return split;
  const facts: KubeletFacts = { files: [], processes: [] };
  for (const block of split.value) {
    if (block.marker === 'missing') continue;
    const stray = block.raw.find((line) => line.text.trim() !== '');
    if (stray) return { ok: false, what: 'unquoted line inside a block', line: stray.text, no: stray.no };
    if (block.marker === 'file') {
      let nodeIp: Located | undefined;
      for (const quoted of block.quoted) {
        const ip = findNodeIp(quoted.text);
        if (ip !== undefined) nodeIp = { value: ip, source: block.args, line: quoted.text };
      }
      facts.files.push({ file: block.args, nodeIp, lines: block.quoted.map((line) => line.text) });
      continue;
    }
    if (block.marker === 'cmdline') {
      if (!/^\d+$/.test(block.args))
        return { ok: false, what: 'cmdline marker without a pid', line: block.args, no: block.no };
      const cmdline = block.quoted
        .map((line) => line.text)
        .join(' ')
        .trim();
      const ip = findNodeIp(cmdline);
      facts.processes.push({
        pid: block.args,
        cmdline,
        nodeIp: ip === undefined ? undefined : { value: ip, source: `kubelet pid ${block.args}`, line: cmdline },
      });
      continue;
    }
    return { ok: false, what: 'unknown marker', line: `### ${block.marker}`, no: block.no };
  }
  return { ok: true, value: facts };
}

/**
 * The --node-ip in effect: the running kubelet's flag wins (it is what the node registered with).
 * Otherwise the kubeadm drop-in passes $KUBELET_KUBEADM_ARGS (kubeadm-flags.env) before
 * $KUBELET_EXTRA_ARGS (/etc/default/kubelet or /etc/sysconfig/kubelet), and the last flag wins.
 */
export function effectiveNodeIp(facts: KubeletFacts): Located | undefined {
  for (const process of facts.processes) if (process.nodeIp) return process.nodeIp;
  const byFile = (suffix: string) => facts.files.find((file) => file.file.endsWith(suffix))?.nodeIp;
  return byFile('/etc/default/kubelet') ?? byFile('/etc/sysconfig/kubelet') ?? byFile('kubeadm-flags.env');
}
