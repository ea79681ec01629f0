// biome-ignore-all lint/suspicious/noTemplateCurlyInString: probe commands are POSIX sh; ${...} is shell parameter expansion
/**
 * Probes that run on the Vagrant host (through the local transport, in the project directory), shared
 * by the host checks. The rules of shared.ts apply.
 */
import type { Probe } from '../types';

/** `uname` of the Vagrant host (and Apple's arm64 flag under Rosetta). Shared with host-only-range. */
export const hostArchProbe: Probe = {
  name: 'host-arch',
  command: [
    'echo "uname-m $(uname -m)"',
    'echo "uname-s $(uname -s)"',
    'v=$(sysctl -n hw.optional.arm64 2>/dev/null) && echo "hw.optional.arm64 $v"',
    'echo "### end"',
  ].join('\n'),
};

/** The Vagrantfile of the project directory (or a parent), quoted line by line. Shared with host-only-range. */
export const vagrantfileProbe: Probe = {
  name: 'vagrantfile',
  command: [
    'd=${VAGRANT_CWD:-$(pwd)}; n=${VAGRANT_VAGRANTFILE:-Vagrantfile}',
    'while :; do',
    '  if [ -f "$d/$n" ]; then echo "### file $d/$n"; sed \'s/^/| /\' "$d/$n"; break; fi',
    '  if [ "$d" = / ] || [ -z "$d" ]; then echo "### missing $n"; break; fi',
    '  d=$(dirname "$d")',
    'done',
    'echo "### end"',
  ].join('\n'),
};

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

/** Every host probe, for the registry test (one name, one command). */
export const hostProbes: readonly Probe[] = [hostArchProbe, vagrantfileProbe, vboxNetworksProbe];
