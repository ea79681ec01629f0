// biome-ignore-all lint/suspicious/noTemplateCurlyInString: probe commands are POSIX sh; ${...} is shell parameter expansion
/**
 * The `binary-arch` probe and its parser: the node's `uname -m` (`arch`), the tool that read the
 * binaries (`tool awk|file|od`) and, per Kubernetes binary found, the first 20 bytes awk read
 * (`bytes <path> <hex bytes>`, or `bytes <path> unreadable`), what `file -L` says
 * (`file <path>: <description>`) or the first 20 bytes `od` read (`od <path> <hex bytes>`)
 * (node-binary-arch reads it).
 */
import { type Arch, archFromFileDescription, parseElfHeader } from '../facts/arch';
import type { Probe } from '../types';
import { splitBlocks, splitTag } from './blocks';
import type { Parsed } from './parsed';

const BINARIES = 'kubeadm kubelet kubectl containerd containerd-shim-runc-v2 runc crictl ctr';

/**
 * The first 20 bytes of each readable regular file named as arguments, as `bytes <path> <hex>`
 * lines, read by one awk (issue 16: `file` loads its whole magic database, about 14 ms of node CPU,
 * and then runs its text tests on every script: 35 ms for four shell stand-ins in the lab). Only an
 * awk whose strings keep NUL bytes (mawk, gawk) can: any other fails the first test and prints
 * nothing, as does an awk without `nextfile` (a syntax error), so the caller falls back to `file`.
 * Bytes are read a record at a time (a newline inside the header is put back) and the file is left
 * at the 20th byte (`nextfile`), never read whole. Under LC_ALL=C (the script sets it) a character
 * is a byte; its value is its position in a table of the bytes 1-255, 0 for NUL.
 */
const HEADER_AWK = [
  'BEGIN { if (length(sprintf("a%cb", 0)) != 3) exit (bad = 3)',
  '  for (i = 1; i < 256; i++) t = t sprintf("%c", i); print "tool awk" }',
  'FNR == 1 { if (f != "") out(); f = FILENAME; s = $0; if (length(s) < 20) next }',
  '1 < FNR { s = s "\\n" $0; if (length(s) < 20) next }',
  '{ out(); f = ""; nextfile }',
  'END { if (!bad && f != "") out() }',
  'function out(  o, i) { o = ""; for (i = 1; i <= 20 && i <= length(s); i++) o = o sprintf(" %02x", index(t, substr(s, i, 1))); print "bytes " f o }',
].join('\n');

/**
 * The ELF header of every Kubernetes binary in the usual directories: with one NUL-safe awk
 * (`tool awk`) where `file` is installed, else with `file` (an awk that cannot), or with `od` on a
 * node without `file` (as before issue 16: the od path and its message are unchanged).
 */
export const binaryArchProbe: Probe = {
  name: 'binary-arch',
  command: [
    'echo "arch $(uname -m)"',
    'set --',
    'for d in /usr/local/bin /usr/bin /usr/sbin /usr/local/sbin; do',
    `  for b in ${BINARIES}; do`,
    '    f="$d/$b"',
    '    [ -e "$f" ] && set -- "$@" "$f"',
    '  done',
    'done',
    "if ! command -v file >/dev/null 2>&1; then echo 'tool od'; for f do echo \"od $f $(od -A n -t x1 -N 20 \"$f\" 2>&1 | tr -s ' \\n' '  ')\"; done",
    // Regular readable non-empty files go to awk; anything else (a directory, an empty or
    // unreadable file: never ELF) is named with no bytes. Paths are made of fixed words: no spaces.
    'else',
    '  r=; u=',
    '  for f do if [ -f "$f" ] && [ -r "$f" ] && [ -s "$f" ]; then r="$r $f"; else u="$u $f"; fi; done',
    `  if out=$(awk '${HEADER_AWK}' $r 2>/dev/null); then printf '%s\\n' "$out"; for f in $u; do echo "bytes $f unreadable"; done`,
    "  else echo 'tool file'",
    // Each line prefixed by builtins in this shell (was `| while read`: one subshell more; issue 16).
    '    if [ "$#" -gt 0 ]; then nl=\'',
    '\'; out=$(file -N -L -- "$@" 2>&1); while [ -n "$out" ]; do l=${out%%"$nl"*}; printf \'file %s\\n\' "$l"; out=${out#"$l"}; out=${out#"$nl"}; done; fi',
    '  fi',
    'fi',
    'echo "### end"',
  ].join('\n'),
};

export interface BinaryArch {
  path: string;
  arch: Arch | undefined;
  elf: boolean;
  /**
   * How it was read: `file` (description is what file -L printed), `od` or `awk` (description is
   * what the ELF header says) or `unreadable` (the bytes are no ELF header, or the file could not
   * be read; description holds them).
   */
  read: 'file' | 'od' | 'awk' | 'unreadable';
  description: string;
}

export interface BinaryArchProbe {
  /** `uname -m` as printed. */
  machine: string;
  tool: 'file' | 'od' | 'awk';
  binaries: BinaryArch[];
}

function fromBytes(path: string, hex: string, read: 'od' | 'awk'): BinaryArch {
  const header = parseElfHeader(hex);
  if (header === undefined) return { path, arch: undefined, elf: false, read: 'unreadable', description: hex };
  const arch = header.elf ? header.arch : undefined;
  const description = header.elf
    ? `ELF ${header.bits}-bit, e_machine 0x${header.machine.toString(16)} (${arch ?? 'unknown'})`
    : 'not ELF';
  return { path, arch, elf: header.elf, read, description };
}

export function parseBinaryArch(lines: readonly string[]): Parsed<BinaryArchProbe> {
  const { head, blocks, complete } = splitBlocks(lines);
  const stray = blocks[0];
  if (stray) return { ok: false, what: 'unknown marker', line: `### ${stray.marker}`, no: stray.no };
  let machine: string | undefined;
  let tool: 'file' | 'od' | 'awk' | undefined;
  const binaries: BinaryArch[] = [];
  for (const { text, no } of head) {
    if (text.trim() === '') continue;
    const [tag, rest] = splitTag(text);
    if (tag === 'arch') machine = rest;
    else if (tag === 'tool' && (rest === 'file' || rest === 'od' || rest === 'awk')) tool = rest;
    else if (tag === 'file') {
      const colon = rest.indexOf(': ');
      if (!rest.startsWith('/') || colon < 0)
        return { ok: false, what: 'expected "<path>: <description>" from file -L', line: text, no };
      const description = rest.slice(colon + 2);
      binaries.push({
        path: rest.slice(0, colon),
        arch: archFromFileDescription(description),
        elf: /\bELF\b/.test(description),
        read: 'file',
        description,
      });
    } else if (tag === 'od' || tag === 'bytes') {
      const [path, hex] = splitTag(rest);
      if (!path.startsWith('/'))
        return { ok: false, what: `expected "<path> <hex bytes>" from ${tag === 'od' ? 'od' : 'awk'}`, line: text, no };
      binaries.push(fromBytes(path, hex, tag === 'od' ? 'od' : 'awk'));
    } else return { ok: false, what: 'expected arch/tool/file/od/bytes lines', line: text, no };
  }
  if (machine === undefined || tool === undefined || !complete) {
    return {
      ok: false,
      what: 'missing "arch" or "tool" line or end marker (output cut short?)',
      line: lines[0] ?? '',
      no: 1,
    };
  }
  return { ok: true, value: { machine, tool, binaries } };
}
