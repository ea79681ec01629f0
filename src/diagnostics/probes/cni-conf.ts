/**
 * The `cni-conf` probe: the CNI config directory the kubelet (through the runtime) reads, with each
 * file's plugin types (`### entry` blocks; cni-config-missing reads them).
 */
import type { Probe } from '../types';

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
