import { describe, expect, it } from 'vitest';
import { parseBinaryArch } from '../../../src/diagnostics/probes/binary-arch';
import { fixtureLines, out } from './fixture';

const dir = 'node-binary-arch';
const summary = (path: string) => {
  const parsed = parseBinaryArch(fixtureLines(path));
  if (!parsed.ok) return parsed;
  const { machine, tool, binaries } = parsed.value;
  return { machine, tool, binaries: binaries.map(({ path: file, arch, elf, read }) => [file, arch, elf, read]) };
};

describe('parseBinaryArch', () => {
  it('reads file -L output', () => {
    expect(summary(`${dir}/foreign-kubeadm.binary-arch`)).toEqual({
      machine: 'x86_64',
      tool: 'file',
      binaries: [
        ['/usr/local/bin/kubeadm', 'arm64', true, 'file'],
        ['/usr/local/bin/kubelet', 'amd64', true, 'file'],
        ['/usr/local/bin/kubectl', 'amd64', true, 'file'],
        ['/usr/bin/kubectl', 'amd64', true, 'file'],
      ],
    });
  });

  it('keeps what file printed as the description', () => {
    const parsed = parseBinaryArch(fixtureLines(`${dir}/all-native.binary-arch`));
    expect(parsed.ok && parsed.value.binaries[0]).toEqual({
      path: '/usr/local/bin/kubelet',
      arch: 'amd64',
      elf: true,
      read: 'file',
      description: 'ELF 64-bit LSB executable, x86-64, version 1 (SYSV), statically linked, stripped',
    });
  });

  it('reads arm, riscv64 and s390x from file', () => {
    expect(summary(`${dir}/many-arches.binary-arch`)).toMatchObject({
      binaries: [
        ['/usr/local/bin/containerd', 'riscv64', true, 'file'],
        ['/usr/local/bin/runc', 'arm', true, 'file'],
        ['/usr/local/bin/ctr', 's390x', true, 'file'],
        ['/usr/bin/kubectl', 'amd64', true, 'file'],
      ],
    });
  });

  it('reads the ELF header od printed (busybox, no file)', () => {
    const parsed = parseBinaryArch(fixtureLines(`${dir}/od-fallback.binary-arch`));
    expect(parsed.ok && parsed.value.tool).toBe('od');
    expect(parsed.ok && parsed.value.binaries.map((binary) => binary.description)).toEqual([
      'ELF 64-bit, e_machine 0xb7 (arm64)',
      'ELF 64-bit, e_machine 0x3e (amd64)',
      'ELF 64-bit, e_machine 0x16 (s390x)',
      'ELF 64-bit, e_machine 0x3e (amd64)',
    ]);
  });

  it('reads the ELF header bytes one awk printed (issue 16: instead of file)', () => {
    const read = summary(`${dir}/awk-foreign-kubeadm.binary-arch`);
    expect(read).toMatchObject({ machine: 'x86_64', tool: 'awk' });
    // The capture machine's own /usr/bin binaries follow, all amd64.
    expect('binaries' in read && read.binaries.slice(0, 4)).toEqual([
      ['/usr/local/bin/kubeadm', 'arm64', true, 'awk'],
      ['/usr/local/bin/kubelet', 'amd64', true, 'awk'],
      ['/usr/local/bin/kubectl', 'amd64', true, 'awk'],
      ['/usr/bin/kubectl', 'amd64', true, 'awk'],
    ]);
    expect('binaries' in read && read.binaries.slice(4).every(([, arch]) => arch === 'amd64')).toBe(true);
    const parsed = parseBinaryArch(fixtureLines(`${dir}/awk-foreign-kubeadm.binary-arch`));
    expect(parsed.ok && parsed.value.binaries[0]?.description).toBe('ELF 64-bit, e_machine 0xb7 (arm64)');
  });

  it('reads arm, riscv64 and s390x from awk, and names what it could not read', () => {
    expect(summary(`${dir}/awk-many-arches.binary-arch`)).toMatchObject({
      tool: 'awk',
      binaries: [
        ['/usr/local/bin/containerd', 'riscv64', true, 'awk'],
        ['/usr/local/bin/runc', 'arm', true, 'awk'],
        ['/usr/local/bin/ctr', 's390x', true, 'awk'],
        ['/usr/bin/kubectl', 'amd64', true, 'awk'],
        ['/usr/bin/containerd', 'amd64', true, 'awk'],
        ['/usr/bin/containerd-shim-runc-v2', 'amd64', true, 'awk'],
        ['/usr/bin/runc', 'amd64', true, 'awk'],
        ['/usr/bin/ctr', 'amd64', true, 'awk'],
        ['/usr/sbin/runc', 'amd64', true, 'awk'],
        // An empty file and a directory: never ELF.
        ['/usr/local/bin/kubelet', undefined, false, 'unreadable'],
        ['/usr/local/bin/crictl', undefined, false, 'unreadable'],
      ],
    });
  });

  it('falls back to file where awk cannot keep NUL bytes (busybox awk first on PATH)', () => {
    const read = summary(`${dir}/busybox-awk-file-fallback.binary-arch`);
    expect(read).toMatchObject({ tool: 'file' });
    expect('binaries' in read && read.binaries.slice(0, 2)).toEqual([
      ['/usr/local/bin/kubeadm', 'arm64', true, 'file'],
      ['/usr/local/bin/kubelet', 'amd64', true, 'file'],
    ]);
  });

  it('tells a file that is not ELF from bytes that are no header', () => {
    const text = 'arch x86_64\ntool od\nod /usr/bin/runc 23 21 2f 62 69 6e 2f 73 68 0a\nod /usr/bin/ctr zz\n### end';
    expect(parseBinaryArch(out(text))).toEqual({
      ok: true,
      value: {
        machine: 'x86_64',
        tool: 'od',
        binaries: [
          { path: '/usr/bin/runc', arch: undefined, elf: false, read: 'od', description: 'not ELF' },
          { path: '/usr/bin/ctr', arch: undefined, elf: false, read: 'unreadable', description: 'zz' },
        ],
      },
    });
  });

  it('reads a node without any of the binaries', () => {
    expect(parseBinaryArch(out('arch aarch64\ntool file\n### end'))).toEqual({
      ok: true,
      value: { machine: 'aarch64', tool: 'file', binaries: [] },
    });
  });

  it.each([
    [
      'file output without a colon',
      'arch x86_64\ntool file\nfile /usr/bin/kubectl\n### end',
      'expected "<path>: <description>" from file -L',
      'file /usr/bin/kubectl',
      3,
    ],
    [
      'od of a relative path',
      'arch x86_64\ntool od\nod kubectl 7f 45\n### end',
      'expected "<path> <hex bytes>" from od',
      'od kubectl 7f 45',
      3,
    ],
    [
      'awk bytes of a relative path',
      'arch x86_64\ntool awk\nbytes kubectl 7f 45\n### end',
      'expected "<path> <hex bytes>" from awk',
      'bytes kubectl 7f 45',
      3,
    ],
    ['another tag', 'arch x86_64\nbits 64\n### end', 'expected arch/tool/file/od/bytes lines', 'bits 64', 2],
    [
      'an unknown tool',
      'arch x86_64\ntool readelf\n### end',
      'expected arch/tool/file/od/bytes lines',
      'tool readelf',
      2,
    ],
    ['a marker block', 'arch x86_64\n### extra x\n### end', 'unknown marker', '### extra', 2],
    [
      'no tool line',
      'arch x86_64\n### end',
      'missing "arch" or "tool" line or end marker (output cut short?)',
      'arch x86_64',
      1,
    ],
    [
      'no end marker',
      'arch x86_64\ntool file',
      'missing "arch" or "tool" line or end marker (output cut short?)',
      'arch x86_64',
      1,
    ],
  ])('rejects %s', (_name, text, what, line, no) => {
    expect(parseBinaryArch(out(text))).toEqual({ ok: false, what, line, no });
  });
});
