/**
 * APT sources from the `apt-sources` probe: one-line style (`deb [opts] uri suite comps`) in
 * *.list files and deb822 stanzas in *.sources files.
 */

import { isPkgsK8sIo, uriHost, uriPath } from '../facts/apt-repos';
import type { Probe } from '../types';
import { cutShort, splitBlocks } from './blocks';
import type { Parsed } from './parsed';

const SOURCES = '/etc/apt/sources.list /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources';
const SOURCES_AWK = [
  'function pend(  n, i, a) { n = split(h, a, " "); for (i = 1; i <= n; i++) print "### file " a[i]; h = "" }',
  'FNR == 1 { pend(); print "### file " FILENAME }',
  '!/^[[:space:]]*#/ { print "| " $0 }',
  'END { pend() }',
].join('\n');

/** Enabled APT source files, comment lines dropped, every file line quoted with `| `. */
export const aptSourcesProbe: Probe = {
  name: 'apt-sources',
  command: [
    // One awk for every source file (issue 16: it was one sed per file): the headers of empty files
    // reach it in `h` before the next file, in file order. The per-file seds where a file is
    // unreadable or none has a line. A last line without a newline now ends with one (sed left it
    // open, so the next header joined it).
    'set --; h=; one=1',
    `for f in ${SOURCES}; do`,
    '  [ -f "$f" ] || continue',
    // A name awk or the header list would split or unescape takes the per-file path too.
    '  case $f in *[!A-Za-z0-9._/+-]*) one= ;; esac',
    '  if [ ! -r "$f" ]; then one=',
    '  elif [ -s "$f" ]; then set -- "$@" "h=$h" "$f"; h=',
    '  else h="$h $f"; fi',
    'done',
    'if [ -n "$one" ] && [ "$#" -gt 0 ]; then',
    `  awk '${SOURCES_AWK}' "$@" "h=$h"`,
    'else',
    `for f in ${SOURCES}; do`,
    '  [ -f "$f" ] || continue',
    '  echo "### file $f"',
    "  sed -e '/^[[:space:]]*#/d' -e 's/^/| /' \"$f\"",
    'done',
    'fi',
    'echo "### end"',
  ].join('\n'),
};

export interface AptSource {
  file: string;
  /** Line of the entry (one-line style) or of its first field (deb822) in the probe output. */
  no: number;
  /** The entry as written (one line, or the stanza's fields joined with "; "). */
  text: string;
  types: string[];
  uris: string[];
  suites: string[];
  /** signed-by / Signed-By value: a path, a fingerprint list, or an inline key ("(inline key)"). */
  signedBy: string | undefined;
  enabled: boolean;
  format: 'one-line' | 'deb822';
}

const ONE_LINE = /^(deb|deb-src)\s+(?:\[([^\]]*)\]\s+)?(\S+)\s+(\S+)(?:\s+(.*))?$/;

function parseOptions(text: string): Map<string, string> {
  const options = new Map<string, string>();
  for (const part of text.trim().split(/\s+/)) {
    const eq = part.indexOf('=');
    if (eq > 0) options.set(part.slice(0, eq).toLowerCase().replace(/[-+]$/, ''), part.slice(eq + 1));
  }
  return options;
}

function parseOneLine(file: string, lines: ReadonlyArray<{ text: string; no: number }>): Parsed<AptSource[]> {
  const sources: AptSource[] = [];
  for (const { text, no } of lines) {
    const line = text.replace(/#.*$/, '').trim();
    if (line === '') continue;
    const match = ONE_LINE.exec(line);
    if (!match) return { ok: false, what: `not a sources.list entry in ${file}`, line: text, no };
    const options = parseOptions(match[2] ?? '');
    sources.push({
      file,
      no,
      text: line,
      types: [match[1] ?? 'deb'],
      uris: [match[3] ?? ''],
      suites: [match[4] ?? ''],
      signedBy: options.get('signed-by'),
      enabled: true,
      format: 'one-line',
    });
  }
  return { ok: true, value: sources };
}

function parseDeb822(file: string, lines: ReadonlyArray<{ text: string; no: number }>): Parsed<AptSource[]> {
  const sources: AptSource[] = [];
  let fields = new Map<string, string>();
  let fieldLines: string[] = [];
  let first = 0;
  let last: string | undefined;
  const flush = () => {
    if (fields.size === 0) return;
    const split = (key: string) => (fields.get(key) ?? '').split(/\s+/).filter((part) => part !== '');
    const signed = fields.get('signed-by');
    sources.push({
      file,
      no: first,
      text: fieldLines.join('; '),
      types: split('types'),
      uris: split('uris'),
      suites: split('suites'),
      signedBy:
        signed === undefined ? undefined : /BEGIN PGP PUBLIC KEY BLOCK/.test(signed) ? '(inline key)' : signed.trim(),
      enabled: !/^(no|false|0)$/i.test((fields.get('enabled') ?? 'yes').trim()),
      format: 'deb822',
    });
    fields = new Map();
    fieldLines = [];
    last = undefined;
  };
  for (const { text, no } of lines) {
    if (text.trim() === '') {
      flush();
      continue;
    }
    if (/^\s/.test(text)) {
      if (last === undefined)
        return { ok: false, what: `continuation line without a field in ${file}`, line: text, no };
      fields.set(last, `${fields.get(last) ?? ''}\n${text.trim()}`);
      continue;
    }
    const match = /^([A-Za-z][A-Za-z0-9-]*):\s*(.*)$/.exec(text);
    if (!match) return { ok: false, what: `not a deb822 field in ${file}`, line: text, no };
    if (fields.size === 0) first = no;
    last = (match[1] ?? '').toLowerCase();
    fields.set(last, match[2] ?? '');
    fieldLines.push(text.trim());
  }
  flush();
  return { ok: true, value: sources };
}

export function parseAptSourcesProbe(lines: readonly string[]): Parsed<AptSource[]> {
  const { head, blocks, complete } = splitBlocks(lines);
  const firstHead = head.find((line) => line.text.trim() !== '');
  if (firstHead) return { ok: false, what: 'output before the first marker', line: firstHead.text, no: firstHead.no };
  const sources: AptSource[] = [];
  for (const block of blocks) {
    if (block.marker !== 'file')
      return { ok: false, what: 'unknown marker', line: `### ${block.marker}`, no: block.no };
    const stray = block.raw.find((line) => line.text.trim() !== '');
    if (stray) return { ok: false, what: 'unquoted line inside a file block', line: stray.text, no: stray.no };
    const parsed = block.args.endsWith('.sources')
      ? parseDeb822(block.args, block.quoted)
      : parseOneLine(block.args, block.quoted);
    if (!parsed.ok) return parsed;
    sources.push(...parsed.value);
  }
  if (!complete) return cutShort(lines);
  return { ok: true, value: sources };
}

/** URL helpers and the community-owned repository's names: one home, facts/apt-repos.ts. */
export { isPkgsK8sIo, uriHost, uriPath };

/** The minor release a pkgs.k8s.io URI is pinned to, e.g. "1.33" for /core:/stable:/v1.33/deb/. */
export function pkgsK8sIoMinor(uri: string): string | undefined {
  const match = /\/v(\d+\.\d+)\/(?:deb|rpm)\/?/.exec(uriPath(uri));
  return match?.[1];
}
