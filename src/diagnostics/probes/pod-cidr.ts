/**
 * The `pod-cidr` probe: the pod network CIDR the controller manager allocates node ranges from
 * (`| N:--flag=value` lines of its manifest; pod-cidr-overlaps-node reads them).
 */
import type { Probe } from '../types';

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
