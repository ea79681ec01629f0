/**
 * Probes of the container runtime and the pod network, read by several checks (shared by name, as
 * in shared.ts, whose rules apply here too: static, read-only, POSIX sh, tagged lines).
 */
import type { Probe } from '../types';

/** containerd's version and its main config file, quoted line by line (`| `). */
export const containerdConfigProbe: Probe = {
  name: 'containerd-config',
  command: [
    // The first line by parameter expansion (was `| head -n 1`; issue 16).
    "nl='",
    "'",
    'if command -v containerd >/dev/null 2>&1; then v=$(containerd --version 2>&1); echo "### version ${v%%"$nl"*}";',
    'else echo "### missing containerd"; fi',
    'p=/etc/containerd/config.toml',
    'if [ -r "$p" ]; then echo "### file $p"; sed \'s/^/| /\' "$p";',
    'elif [ -e "$p" ]; then echo "### unreadable $p"; else echo "### nofile $p"; fi',
    'echo "### end"',
  ].join('\n'),
};

/** The plugins the running containerd loaded, with their status (`ctr plugins ls`); root for the socket. */
export const containerdPluginsProbe: Probe = {
  name: 'containerd-plugins',
  needsRoot: true,
  timeoutSeconds: 15,
  command: [
    'if ! command -v ctr >/dev/null 2>&1; then echo "### missing ctr";',
    'elif [ ! -S /run/containerd/containerd.sock ]; then echo "### nosocket /run/containerd/containerd.sock";',
    'else echo "### ctr"; ctr plugins ls 2>&1; echo "### exit $?"; fi',
    'echo "### end"',
  ].join('\n'),
};

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

/** VXLAN tunnel devices (flannel.1, vxlan.calico, ...) with their local address and underlying link. */
export const vxlanLinksProbe: Probe = {
  name: 'vxlan-links',
  command: [
    'if ! command -v ip >/dev/null 2>&1; then echo "### missing ip";',
    'elif out=$(ip -d -j link show type vxlan 2>/dev/null); then echo "### json"; printf \'%s\\n\' "$out";',
    'else echo "### text"; ip -d link show type vxlan 2>&1; fi',
    'echo "### end"',
  ].join('\n'),
};

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

/** Every runtime probe, for the registry test (one name, one command). */
export const runtimeProbes: readonly Probe[] = [
  containerdConfigProbe,
  containerdPluginsProbe,
  kubeletCgroupProbe,
  cniConfProbe,
  vxlanLinksProbe,
  podCidrProbe,
];
