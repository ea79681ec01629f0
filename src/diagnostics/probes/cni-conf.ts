/**
 * The `cni-conf` probe: the CNI config directory the kubelet (through the runtime) reads, with each
 * file's plugin types (`### entry` blocks; cni-config-missing reads them).
 */
import type { Probe } from '../types';
import { blocksOrError } from './blocks';
import type { Parsed } from './parsed';

/** The CNI config directory the kubelet (through the runtime) reads, with each file's plugin types. */
export const cniConfProbe: Probe = {
  name: 'cni-conf',
  // Root: /etc/cni/net.d is 0700 on some installs (Debian's containernetworking-plugins creates it so).
  needsRoot: true,
  command: [
    'd=/etc/cni/net.d',
    'if [ -d "$d" ] && { [ ! -r "$d" ] || [ ! -x "$d" ]; }; then echo "### unreadable $d";',
    'elif [ -d "$d" ]; then echo "### dir $d";',
    '  for f in "$d"/*; do',
    '    [ -e "$f" ] || continue',
    '    echo "### entry $f"',
    '    case "$f" in *.conf|*.conflist|*.json) awk \'{ s = $0; while (match(s, /"type"[[:space:]]*:[[:space:]]*"[^"]*"/)) { print "| " substr(s, RSTART, RLENGTH); s = substr(s, RSTART + RLENGTH) } }\' "$f";; esac',
    '  done',
    'else echo "### nodir $d"; fi',
    'if [ -e /var/lib/kubelet/config.yaml ]; then echo "### kubelet configured"; else echo "### kubelet unconfigured"; fi',
    'echo "### end"',
  ].join('\n'),
};

export interface CniEntry {
  /** The file's path in the config directory. */
  path: string;
  /** The `"type"` values its JSON names (plugins), in order; only read for .conf/.conflist/.json files. */
  types: string[];
}

export interface CniConf {
  /** /var/lib/kubelet/config.yaml exists: kubeadm init/join has run. */
  kubeletConfigured: boolean;
  /** The config directory when it exists but this user cannot list it. */
  unreadable: string | undefined;
  /** The config directory does not exist. */
  noDir: boolean;
  entries: CniEntry[];
}

/** The CNI config directory as the probe listed it; a missing `### kubelet` line is an error. */
export function parseCniConf(lines: readonly string[]): Parsed<CniConf> {
  const opened = blocksOrError(lines);
  if (!opened.ok) return opened;
  const blocks = opened.value;
  const kubelet = blocks.find((b) => b.marker === 'kubelet');
  if (kubelet === undefined) return { ok: false, what: 'no "### kubelet" line', line: lines[0] ?? '', no: 1 };
  const entries = blocks
    .filter((b) => b.marker === 'entry')
    .map((b) => ({
      path: b.args,
      types: b.quoted.map((q) => /"type"\s*:\s*"([^"]*)"/.exec(q.text)?.[1]).filter((t) => t !== undefined),
    }));
  return {
    ok: true,
    value: {
      kubeletConfigured: kubelet.args !== 'unconfigured',
      unreadable: blocks.find((b) => b.marker === 'unreadable')?.args,
      noDir: blocks.some((b) => b.marker === 'nodir'),
      entries,
    },
  };
}
