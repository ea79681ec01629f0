/**
 * The `apt-keyrings` probe and its parser: the size of every keyring file apt may read (legacy
 * trusted.gpg, trusted.gpg.d, /etc/apt/keyrings, /usr/share/keyrings), as `key <bytes> <path>`
 * lines (apt-signed-by-missing reads it).
 */
import type { Probe } from '../types';
import { cutShort, splitBlocks, splitTag } from './blocks';
import type { Parsed } from './parsed';

/** `stat` of every keyring file, one line each. */
export const aptKeyringsProbe: Probe = {
  name: 'apt-keyrings',
  command: [
    // One `stat` for every keyring (it was `wc | tr` per file: two processes each; issue 16).
    'set --',
    'for f in /etc/apt/trusted.gpg /etc/apt/trusted.gpg.d/* /etc/apt/keyrings/* /usr/share/keyrings/*; do',
    '  [ -f "$f" ] && set -- "$@" "$f"',
    'done',
    '[ "$#" -eq 0 ] || stat -L -c \'key %s %n\' -- "$@"',
    'echo "### end"',
  ].join('\n'),
};

export interface Keyring {
  /** Size in bytes (of the file a symlink points to). */
  size: number;
  path: string;
}

/** The keyring files in probe order. */
export function parseAptKeyrings(lines: readonly string[]): Parsed<Keyring[]> {
  const { head, blocks, complete } = splitBlocks(lines);
  const stray = blocks[0];
  if (stray) return { ok: false, what: 'unknown marker', line: `### ${stray.marker}`, no: stray.no };
  const keyrings: Keyring[] = [];
  for (const { text, no } of head) {
    if (text.trim() === '') continue;
    const [tag, rest] = splitTag(text);
    const [size, path] = splitTag(rest);
    if (tag !== 'key' || !/^\d+$/.test(size) || !path.startsWith('/'))
      return { ok: false, what: 'expected "key <bytes> <path>" lines', line: text, no };
    keyrings.push({ size: Number(size), path });
  }
  if (!complete) return cutShort(lines);
  return { ok: true, value: keyrings };
}
