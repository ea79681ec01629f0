/**
 * The `host-arch` probe (Vagrant host): `uname` and Apple's arm64 flag under Rosetta, as
 * `tag value` lines (host-box-arch and host-only-range read them).
 */
import type { Probe } from '../types';
import { splitBlocks, splitTag } from './blocks';
import type { Parsed } from './parsed';

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

export interface HostArch {
  /** `uname -m`, when printed. */
  machine: string | undefined;
  /** `uname -s`, when printed. */
  kernel: string | undefined;
  /** Apple's hw.optional.arm64 is 1: an Apple Silicon Mac, maybe under Rosetta. */
  appleArm: boolean;
  /** The closing `### end` marker came. */
  complete: boolean;
}

/** The `tag value` lines of the host-arch probe; any other line is an error quoting it. */
export function parseHostArch(lines: readonly string[]): Parsed<HostArch> {
  const { head, complete } = splitBlocks(lines);
  const value: HostArch = { machine: undefined, kernel: undefined, appleArm: false, complete };
  for (const { text, no } of head) {
    if (text.trim() === '') continue;
    const [tag, rest] = splitTag(text);
    if (tag === 'uname-m') value.machine = rest;
    else if (tag === 'uname-s') value.kernel = rest;
    else if (tag === 'hw.optional.arm64') value.appleArm = rest === '1';
    else return { ok: false, what: 'expected uname-m/uname-s/hw.optional.arm64 lines', line: text, no };
  }
  return { ok: true, value };
}
