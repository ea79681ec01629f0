/**
 * The `apt-lists` probe and its parser: the node's clock (`now <epoch>`), the modification time of
 * every APT list (`list <epoch> <path>`) and of apt's update stamps (`stamp <epoch> <path>`), or
 * `### missing apt-get` on a node without APT (apt-lists-stale reads it).
 */
import type { Probe } from '../types';
import { splitBlocks, splitTag } from './blocks';
import type { Parsed } from './parsed';

/** The clock and the mtimes of the APT lists and stamps, one `stat` per kind. */
export const aptListsProbe: Probe = {
  name: 'apt-lists',
  command: [
    'echo "now $(date +%s)"',
    // One `stat` per kind instead of one per file (issue 16: processes per node).
    'set --; for f in /var/lib/apt/lists/*_InRelease /var/lib/apt/lists/*_Release; do [ -f "$f" ] && set -- "$@" "$f"; done',
    '[ "$#" -eq 0 ] || stat -c \'list %Y %n\' -- "$@"',
    'set --; for f in /var/lib/apt/periodic/update-success-stamp /var/cache/apt/pkgcache.bin; do [ -f "$f" ] && set -- "$@" "$f"; done',
    '[ "$#" -eq 0 ] || stat -c \'stamp %Y %n\' -- "$@"',
    'command -v apt-get >/dev/null 2>&1 || echo "### missing apt-get"',
    'echo "### end"',
  ].join('\n'),
};

export interface Stamped {
  /** Modification time, epoch seconds. */
  time: number;
  file: string;
}

export interface AptLists {
  /** The node's clock, epoch seconds. */
  now: number;
  lists: Stamped[];
  stamps: Stamped[];
}

/** The lists and stamps with the node's clock, or null when apt-get is not installed. */
export function parseAptLists(lines: readonly string[]): Parsed<AptLists | null> {
  const { head, blocks, complete } = splitBlocks(lines);
  if (blocks.some((block) => block.marker === 'missing')) return { ok: true, value: null };
  const stray = blocks[0];
  if (stray) return { ok: false, what: 'unknown marker', line: `### ${stray.marker}`, no: stray.no };
  let now: number | undefined;
  const lists: Stamped[] = [];
  const stamps: Stamped[] = [];
  for (const { text, no } of head) {
    if (text.trim() === '') continue;
    const [tag, rest] = splitTag(text);
    if (tag === 'now' && /^\d+$/.test(rest)) {
      now = Number(rest);
      continue;
    }
    const [time, file] = splitTag(rest);
    if ((tag === 'list' || tag === 'stamp') && /^\d+$/.test(time) && file.startsWith('/')) {
      (tag === 'list' ? lists : stamps).push({ time: Number(time), file });
      continue;
    }
    return { ok: false, what: 'expected now/list/stamp lines with epoch seconds', line: text, no };
  }
  if (now === undefined || !complete)
    return { ok: false, what: 'no "now" line or end marker (output cut short?)', line: lines[0] ?? '', no: 1 };
  return { ok: true, value: { now, lists, stamps } };
}
