/**
 * The `host-arch` probe (Vagrant host): `uname` and Apple's arm64 flag under Rosetta, as
 * `tag value` lines (host-box-arch and host-only-range read them).
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
