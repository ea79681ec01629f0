/**
 * Kubernetes binaries built for another CPU than the node's: they fail with "Exec format error".
 * Reads the ELF header with `file -L`, or with `od` when `file` is not installed.
 */

import { type Arch, archFromFileDescription, archFromUname, parseElfHeader } from '../facts/arch';
import { splitBlocks, splitTag } from '../probes/blocks';
import { type CheckSpecMeta, defineCheck } from './support/define';
import { quote, unexpected } from './support/findings';

const meta: CheckSpecMeta = {
  id: 'node-binary-arch',
  title: 'Kubernetes binaries match the node CPU',
  titleKo: '쿠버네티스 바이너리가 노드 CPU와 맞는다',
  runbook: 'exec-format-error',
  severity: 'error',
  roles: ['control-plane', 'worker'],
};

const PROBE = 'binary-arch';
const BINARIES = 'kubeadm kubelet kubectl containerd containerd-shim-runc-v2 runc crictl ctr';

interface Binary {
  path: string;
  arch: Arch | undefined;
  elf: boolean;
  line: string;
}

export default defineCheck({
  meta,
  probes: [
    {
      name: PROBE,
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
    },
  ],
  analyze: ({ r, open }) => {
    const gate = open(PROBE);
    if (!gate.ok) return [gate.finding];
    const { head, blocks, complete } = splitBlocks(gate.value.lines);
    const stray = blocks[0];
    if (stray) return [unexpected(r, PROBE, 'unknown marker', `### ${stray.marker}`, stray.no)];
    let machine: string | undefined;
    let tool: string | undefined;
    const binaries: Binary[] = [];
    for (const { text, no } of head) {
      if (text.trim() === '') continue;
      const [tag, rest] = splitTag(text);
      if (tag === 'arch') machine = rest;
      else if (tag === 'tool' && (rest === 'file' || rest === 'od')) tool = rest;
      else if (tag === 'file') {
        const colon = rest.indexOf(': ');
        if (!rest.startsWith('/') || colon < 0)
          return [unexpected(r, PROBE, 'expected "<path>: <description>" from file -L', text, no)];
        const description = rest.slice(colon + 2);
        binaries.push({
          path: rest.slice(0, colon),
          arch: archFromFileDescription(description),
          elf: /\bELF\b/.test(description),
          line: rest,
        });
      } else if (tag === 'od') {
        const [path, hex] = splitTag(rest);
        if (!path.startsWith('/')) return [unexpected(r, PROBE, 'expected "<path> <hex bytes>" from od', text, no)];
        const header = parseElfHeader(hex);
        if (header === undefined) {
          binaries.push({ path, arch: undefined, elf: false, line: `${path}: unreadable header ${quote(hex, 60)}` });
          continue;
        }
        const arch = header.elf ? header.arch : undefined;
        const what = header.elf
          ? `ELF ${header.bits}-bit, e_machine 0x${header.machine.toString(16)} (${arch ?? 'unknown'})`
          : 'not ELF';
        binaries.push({ path, arch, elf: header.elf, line: `${path}: ${what}` });
      } else return [unexpected(r, PROBE, 'expected arch/tool/file/od lines', text, no)];
    }
    if (machine === undefined || tool === undefined || !complete) {
      return [
        unexpected(
          r,
          PROBE,
          'missing "arch" or "tool" line or end marker (output cut short?)',
          gate.value.lines[0] ?? '',
          1,
        ),
      ];
    }
    const nodeArch = archFromUname(machine);
    if (nodeArch === undefined) return [unexpected(r, PROBE, 'unknown machine type from uname -m', machine, 1)];
    const evidence = [`uname -m: ${machine} (${nodeArch})`, ...binaries.map((binary) => binary.line)];
    if (binaries.length === 0) {
      return [
        r.skip(
          'none of kubeadm, kubelet, kubectl, containerd, runc, crictl, ctr is installed in /usr/local/bin, /usr/bin, /usr/sbin',
          { evidence },
        ),
      ];
    }
    const foreign = binaries.filter((binary) => binary.elf && binary.arch !== nodeArch);
    if (foreign.length > 0) {
      const names = foreign.map((binary) => `${binary.path} (${binary.arch ?? 'unknown arch'})`).join(', ');
      return [
        r.fail(`built for another CPU than this ${nodeArch} node: ${names}; running them gives "Exec format error"`, {
          evidence,
          fix: `download the ${nodeArch} builds, e.g. https://dl.k8s.io/release/<version>/bin/linux/${nodeArch}/kubeadm, or install from pkgs.k8s.io; in Ansible use the node's architecture fact instead of a fixed "amd64"`,
        }),
      ];
    }
    const elfCount = binaries.filter((binary) => binary.elf).length;
    return [
      r.pass(
        `${elfCount} binar${elfCount === 1 ? 'y' : 'ies'} checked, all ${nodeArch}${tool === 'od' ? ' (read with od; file is not installed)' : ''}`,
        { evidence },
      ),
    ];
  },
});
