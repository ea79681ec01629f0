/**
 * The `vbox-networks` probe (Vagrant host): /etc/vbox/networks.conf quoted line by line
 * (host-only-range reads its `* 10.0.0.0/8 ...` lines).
 */
import type { Probe } from '../types';

/** `* 10.0.0.0/8 192.168.0.0/16` lines of /etc/vbox/networks.conf. */
export const vboxNetworksProbe: Probe = {
  name: 'vbox-networks',
  command: [
    'p=/etc/vbox/networks.conf',
    'if [ -r "$p" ]; then echo "### file $p"; sed \'s/^/| /\' "$p"; elif [ -e "$p" ]; then echo "### unreadable $p";',
    'else echo "### nofile $p"; fi',
    'echo "### end"',
  ].join('\n'),
};
