/**
 * The `kubelet-cgroup` probe: the kubelet's cgroup driver, wherever kubeadm or a user set it
 * (`### config` / `### flags` blocks of `| N:text` lines; cgroup-driver-mismatch reads them).
 */
import type { Probe } from '../types';

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
