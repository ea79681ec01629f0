// biome-ignore-all lint/suspicious/noTemplateCurlyInString: probe commands are POSIX sh; ${...} is shell parameter expansion
/**
 * The `binary-arch` probe and its parser: the node's `uname -m` (`arch`), the tool that read the
 * binaries (`tool file|od`) and, per Kubernetes binary found, what `file -L` says
 * (`file <path>: <description>`) or the first 20 bytes `od` read (`od <path> <hex bytes>`)
 * (node-binary-arch reads it).
 */
import { type Arch, archFromFileDescription, parseElfHeader } from '../facts/arch';
import type { Probe } from '../types';
import { splitBlocks, splitTag } from './blocks';
import type { Parsed } from './parsed';

const BINARIES = 'kubeadm kubelet kubectl containerd containerd-shim-runc-v2 runc crictl ctr';

/** The ELF header of every Kubernetes binary in the usual directories, with `file` or `od`. */
export const binaryArchProbe: Probe = {
  name: 'binary-arch',
  command: [
    'echo "arch $(uname -m)"',
    'if command -v file >/dev/null 2>&1; then echo "tool file"; else echo "tool od"; fi',
    // One `file` for every binary, each line as `file` prints it for one (-N: no padding); it was
    // one `file` per binary (issue 16: processes per node).
    'set --',
    'for d in /usr/local/bin /usr/bin /usr/sbin /usr/local/sbin; do',
    `  for b in ${BINARIES}; do`,
    '    f="$d/$b"',
    '    [ -e "$f" ] && set -- "$@" "$f"',
    '  done',
    'done',
    'if [ "$#" -eq 0 ]; then :',
    // Each line prefixed by builtins in this shell (was `| while read`: one subshell more; issue 16).
    "elif command -v file >/dev/null 2>&1; then nl='",
    '\'; out=$(file -N -L -- "$@" 2>&1); while [ -n "$out" ]; do l=${out%%"$nl"*}; printf \'file %s\\n\' "$l"; out=${out#"$l"}; out=${out#"$nl"}; done',
    'else for f do echo "od $f $(od -A n -t x1 -N 20 "$f" 2>&1 | tr -s \' \\n\' \'  \')"; done; fi',
    'echo "### end"',
  ].join('\n'),
};

export interface BinaryArch {
  path: string;
  arch: Arch | undefined;
  elf: boolean;
  /**
   * How it was read: `file` (description is what file -L printed), `od` (description is what
   * the ELF header says) or `unreadable` (od's bytes are no ELF header; description holds them).
   */
  read: 'file' | 'od' | 'unreadable';
  description: string;
}

export interface BinaryArchProbe {
  /** `uname -m` as printed. */
  machine: string;
  tool: 'file' | 'od';
  binaries: BinaryArch[];
}

function fromOd(path: string, hex: string): BinaryArch {
  const header = parseElfHeader(hex);
  if (header === undefined) return { path, arch: undefined, elf: false, read: 'unreadable', description: hex };
  const arch = header.elf ? header.arch : undefined;
  const description = header.elf
    ? `ELF ${header.bits}-bit, e_machine 0x${header.machine.toString(16)} (${arch ?? 'unknown'})`
    : 'not ELF';
  return { path, arch, elf: header.elf, read: 'od', description };
}

export function parseBinaryArch(lines: readonly string[]): Parsed<BinaryArchProbe> {
  const { head, blocks, complete } = splitBlocks(lines);
  const stray = blocks[0];
  if (stray) return { ok: false, what: 'unknown marker', line: `### ${stray.marker}`, no: stray.no };
  let machine: string | undefined;
  let tool: 'file' | 'od' | undefined;
  const binaries: BinaryArch[] = [];
  for (const { text, no } of head) {
    if (text.trim() === '') continue;
    const [tag, rest] = splitTag(text);
    if (tag === 'arch') machine = rest;
    else if (tag === 'tool' && (rest === 'file' || rest === 'od')) tool = rest;
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
    } else if (tag === 'od') {
      const [path, hex] = splitTag(rest);
      if (!path.startsWith('/')) return { ok: false, what: 'expected "<path> <hex bytes>" from od', line: text, no };
      binaries.push(fromOd(path, hex));
    } else return { ok: false, what: 'expected arch/tool/file/od lines', line: text, no };
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
