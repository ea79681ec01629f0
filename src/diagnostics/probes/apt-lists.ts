// biome-ignore-all lint/suspicious/noTemplateCurlyInString: probe commands are POSIX sh; ${...} is shell parameter expansion
/**
 * The `apt-lists` probe and its parser: the node's clock (`now <epoch>`), the modification time of
 * every APT list (`list <epoch> <path>`) and of apt's update stamps (`stamp <epoch> <path>`), or
 * `### missing apt-get` on a node without APT (apt-lists-stale reads it).
 */
import type { Probe } from '../types';
import { splitBlocks, splitTag } from './blocks';
import type { Parsed } from './parsed';

/**
 * The clock and the mtimes of the APT lists and stamps. One `stat` for both kinds (issue 16, step 3;
 * it was one per kind, one per file before that): lists and stamps are told apart by their path,
 * which stat prints (`%n`), and stat prints the files in argument order, lists first, so the lines
 * are the ones the two `stat -c 'list ...'`/`stat -c 'stamp ...'` printed. Where only one kind
 * exists its one stat runs as before (no command substitution to pay for); where a file name holds
 * a newline (no line could then be told apart) the two stats run as before.
 */
/** Sets the positional parameters to the APT lists that exist. */
const LISTS =
  'set --; for f in /var/lib/apt/lists/*_InRelease /var/lib/apt/lists/*_Release; do [ -f "$f" ] && set -- "$@" "$f"; done';
/** Appends apt's update stamps that exist to the positional parameters. */
const ADD_STAMPS =
  'for f in /var/lib/apt/periodic/update-success-stamp /var/cache/apt/pkgcache.bin; do [ -f "$f" ] && set -- "$@" "$f"; done';

export const aptListsProbe: Probe = {
  name: 'apt-lists',
  command: [
    'echo "now $(date +%s)"',
    "nl='",
    "'",
    LISTS,
    'n=$#',
    ADD_STAMPS,
    'odd=; for f do case $f in *"$nl"*) odd=1 ;; esac; done',
    'if [ "$#" -eq 0 ]; then :',
    'elif [ "$n" -eq "$#" ]; then stat -c \'list %Y %n\' -- "$@"',
    'elif [ "$n" -eq 0 ]; then stat -c \'stamp %Y %n\' -- "$@"',
    'elif [ -n "$odd" ]; then',
    `  ${LISTS}`,
    '  [ "$#" -eq 0 ] || stat -c \'list %Y %n\' -- "$@"',
    `  set --; ${ADD_STAMPS}`,
    '  [ "$#" -eq 0 ] || stat -c \'stamp %Y %n\' -- "$@"',
    'else',
    '  out=$(stat -c \'%Y %n\' -- "$@")',
    '  while [ -n "$out" ]; do l=${out%%"$nl"*}; case ${l#* } in /var/lib/apt/lists/*) printf \'list %s\\n\' "$l" ;; *) printf \'stamp %s\\n\' "$l" ;; esac; out=${out#"$l"}; out=${out#"$nl"}; done',
    'fi',
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
