// biome-ignore-all lint/suspicious/noTemplateCurlyInString: probe commands are POSIX sh; ${...} is shell parameter expansion
/**
 * The `kubelet-cgroup` probe: the kubelet's cgroup driver, wherever kubeadm or a user set it
 * (`### config` / `### flags` blocks of `| N:text` lines; cgroup-driver-mismatch reads them).
 */
import type { Probe } from '../types';
import { blocksOrError } from './blocks';
import type { Parsed } from './parsed';

const CONFIG = '/var/lib/kubelet/config.yaml';
const FLAGS = '/var/lib/kubelet/kubeadm-flags.env /etc/default/kubelet /etc/sysconfig/kubelet';
const CONFIG_AWK = 'awk \'/^[[:space:]]*cgroupDriver:/ { print "| " FNR ":" $0 }\'';
const FLAGS_AWK =
  'awk \'{ s = $0; while (match(s, /--cgroup-driver[= ][a-z]+/)) { print "| " FNR ":" substr(s, RSTART, RLENGTH); s = substr(s, RSTART + RLENGTH) } }\'';

/**
 * One awk for config.yaml and every flags file (issue 16: it was one awk per file, 3 in a kubeadm
 * node; the output is the same): the shell passes `k=1` before the first flags file, and in `h` the
 * headers of the empty files before each file (awk sees no line of an empty file), as `c:PATH` or
 * `f:PATH`, printed in file order. A readable path that is not a regular file (awk would stop at
 * it) takes the per-file path.
 */
const ONE_AWK = [
  'function pend(  n, i, a) { n = split(h, a, " "); for (i = 1; i <= n; i++) print (substr(a[i], 1, 2) == "c:" ? "### config " : "### flags ") substr(a[i], 3); h = "" }',
  'FNR == 1 { pend(); print (k ? "### flags " : "### config ") FILENAME }',
  '!k && /^[[:space:]]*cgroupDriver:/ { print "| " FNR ":" $0 }',
  'k { s = $0; while (match(s, /--cgroup-driver[= ][a-z]+/)) { print "| " FNR ":" substr(s, RSTART, RLENGTH); s = substr(s, RSTART + RLENGTH) } }',
  'END { pend() }',
].join('\n');

/** The kubelet's cgroup driver, wherever kubeadm or a user set it. */
export const kubeletCgroupProbe: Probe = {
  name: 'kubelet-cgroup',
  command: [
    `p=${CONFIG}`,
    `one=1; for f in "$p" ${FLAGS}; do [ ! -r "$f" ] || [ -f "$f" ] || one=; done`,
    'if [ -z "$one" ]; then',
    'if [ -r "$p" ]; then echo "### config $p";',
    // One awk per file instead of `grep | sed` (issue 16); grep -n's `N:line`, grep -o's matches.
    `  ${CONFIG_AWK} "$p";`,
    'elif [ -e "$p" ]; then echo "### unreadable $p"; else echo "### noconfig $p"; fi',
    `for f in ${FLAGS}; do`,
    `  if [ -r "$f" ]; then echo "### flags $f"; ${FLAGS_AWK} "$f"; fi`,
    'done',
    'else',
    '  set --; h=',
    '  if [ -r "$p" ]; then if [ -s "$p" ]; then set -- "$p"; else h="c:$p"; fi',
    '  elif [ -e "$p" ]; then echo "### unreadable $p"; else echo "### noconfig $p"; fi',
    `  for f in ${FLAGS}; do`,
    '    [ -r "$f" ] || continue',
    '    if [ -s "$f" ]; then set -- "$@" "h=$h" k=1 "$f"; h=; else h="$h f:$f"; fi',
    '  done',
    `  if [ "$#" -gt 0 ]; then awk '${ONE_AWK}' "$@" "h=$h"`,
    '  else for f in $h; do case $f in c:*) echo "### config ${f#c:}" ;; *) echo "### flags ${f#f:}" ;; esac; done; fi',
    'fi',
    'echo "### end"',
  ].join('\n'),
};

export type CgroupDriver = 'systemd' | 'cgroupfs';

export interface KubeletCgroup {
  /** The driver the kubelet uses: a command-line flag wins over config.yaml, whose default is cgroupfs. */
  driver: CgroupDriver;
  /** Where it was read (file and quoted line), or why it is the default, for evidence. */
  source: string;
}

function driverWord(text: string): CgroupDriver | undefined {
  const word = text.replace(/["']/g, '').trim().toLowerCase();
  return word === 'systemd' || word === 'cgroupfs' ? word : undefined;
}

/** The kubelet's cgroup driver, or null when it has no config.yaml yet (kubeadm init/join has not run). */
export function parseKubeletCgroup(lines: readonly string[]): Parsed<KubeletCgroup | null> {
  const blocks = blocksOrError(lines);
  if (!blocks.ok) return blocks;
  const configBlock = blocks.value.find((b) => b.marker === 'config');
  if (configBlock === undefined) return { ok: true, value: null };
  let driver: CgroupDriver = 'cgroupfs'; // KubeletConfiguration's own default when the key is absent
  let source = `${configBlock.args}: no cgroupDriver key (the kubelet's default is cgroupfs)`;
  const set = configBlock.quoted[0];
  if (set !== undefined) {
    const value = driverWord(set.text.replace(/^\d+:\s*cgroupDriver:\s*/, ''));
    if (value === undefined)
      return { ok: false, what: 'expected "cgroupDriver: systemd|cgroupfs"', line: set.text, no: set.no };
    driver = value;
    source = `${configBlock.args}:${set.text}`;
  }
  for (const flags of blocks.value.filter((b) => b.marker === 'flags')) {
    const flag = flags.quoted[0];
    const value = flag ? driverWord(flag.text.replace(/^\d+:--cgroup-driver[= ]/, '')) : undefined;
    if (flag && value) {
      driver = value; // a command-line flag wins over the config file
      source = `${flags.args}:${flag.text}`;
    }
  }
  return { ok: true, value: { driver, source } };
}
