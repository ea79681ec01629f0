/**
 * The `kubelet-cgroup` probe: the kubelet's cgroup driver, wherever kubeadm or a user set it
 * (`### config` / `### flags` blocks of `| N:text` lines; cgroup-driver-mismatch reads them).
 */
import type { Probe } from '../types';
import { blocksOrError } from './blocks';
import type { Parsed } from './parsed';

/** The kubelet's cgroup driver, wherever kubeadm or a user set it. */
export const kubeletCgroupProbe: Probe = {
  name: 'kubelet-cgroup',
  command: [
    'p=/var/lib/kubelet/config.yaml',
    'if [ -r "$p" ]; then echo "### config $p";',
    // One awk per file instead of `grep | sed` (issue 16); grep -n's `N:line`, grep -o's matches.
    '  awk \'/^[[:space:]]*cgroupDriver:/ { print "| " FNR ":" $0 }\' "$p";',
    'elif [ -e "$p" ]; then echo "### unreadable $p"; else echo "### noconfig $p"; fi',
    'for f in /var/lib/kubelet/kubeadm-flags.env /etc/default/kubelet /etc/sysconfig/kubelet; do',
    '  if [ -r "$f" ]; then echo "### flags $f"; awk \'{ s = $0; while (match(s, /--cgroup-driver[= ][a-z]+/)) { print "| " FNR ":" substr(s, RSTART, RLENGTH); s = substr(s, RSTART + RLENGTH) } }\' "$f"; fi',
    'done',
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
