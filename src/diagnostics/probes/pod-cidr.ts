/**
 * The `pod-cidr` probe: the pod network CIDR the controller manager allocates node ranges from
 * (`| N:--flag=value` lines of its manifest; pod-cidr-overlaps-node reads them).
 */
import type { Probe } from '../types';
import { blocksOrError, type Line } from './blocks';
import type { Parsed } from './parsed';

/** The pod network CIDR the controller manager allocates node ranges from (control plane; root). */
export const podCidrProbe: Probe = {
  name: 'pod-cidr',
  needsRoot: true,
  command: [
    'p=/etc/kubernetes/manifests/kube-controller-manager.yaml',
    'if [ -r "$p" ]; then echo "### manifest $p"; awk \'{ s = $0; while (match(s, /--cluster-cidr=[^" ]+|--allocate-node-cidrs=[a-z]+/)) { print "| " FNR ":" substr(s, RSTART, RLENGTH); s = substr(s, RSTART + RLENGTH) } }\' "$p";',
    'elif [ -e "$p" ]; then echo "### unreadable $p"; else echo "### nomanifest $p"; fi',
    'echo "### end"',
  ].join('\n'),
};

export interface PodCidr {
  /** The manifest's path. */
  manifest: string;
  /** The first `N:--cluster-cidr=...` line as quoted, undefined when the flag is not set. */
  flag: Line | undefined;
  /** The comma-separated values of --cluster-cidr (IPv4 and IPv6 CIDRs, unchecked). */
  ranges: string[];
}

/** The controller manager's --cluster-cidr, or null when there is no manifest (absent or unreadable). */
export function parsePodCidr(lines: readonly string[]): Parsed<PodCidr | null> {
  const blocks = blocksOrError(lines);
  if (!blocks.ok) return blocks;
  const manifest = blocks.value.find((b) => b.marker === 'manifest');
  if (manifest === undefined) return { ok: true, value: null };
  const flag = manifest.quoted.find((q) => /--cluster-cidr=/.test(q.text));
  const ranges = flag === undefined ? [] : flag.text.replace(/^.*--cluster-cidr=/, '').split(',');
  return { ok: true, value: { manifest: manifest.args, flag, ranges } };
}
