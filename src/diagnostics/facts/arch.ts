/**
 * CPU architectures under one vocabulary (Go/Debian names), shared by the node checks and the lint
 * rules: from `uname -m`, Debian/dpkg, Go/Node (`process.arch`), Vagrant's `box_architecture`, `file`
 * descriptions, and the ELF header bytes that `od` prints.
 *
 * Deliberate choices (the table test in test/diagnostics/facts/arch.test.ts holds them):
 * - bare `arm` is 32-bit ARM (uname's armv7l/armv8l, Debian's armhf/armel, Go's GOARCH=arm), never arm64;
 * - `x64` (Node, Windows) and `x86-64` are amd64; `i386`..`i686`, `x86` and `ia32` are 386.
 */

export type Arch = 'amd64' | 'arm64' | 'arm' | '386' | 's390x' | 'ppc64le' | 'ppc64' | 'riscv64' | 'loong64' | 'mips';

/** The architectures a Vagrant host is supported on (what `--host-arch` accepts). */
export type HostArch = 'amd64' | 'arm64';

/** Any spelling of an architecture (uname -m, dpkg, Go, Node, Vagrant, RPM) to Arch. */
export function normalizeArch(value: string): Arch | undefined {
  const m = value.trim().toLowerCase();
  if (m === 'x86_64' || m === 'amd64' || m === 'x64' || m === 'x86-64' || m === 'x86_64_v2') return 'amd64';
  if (m === 'aarch64' || m === 'arm64' || m === 'aarch64_be' || m === 'arm64v8') return 'arm64';
  if (/^armv\d/.test(m) || m === 'arm' || m === 'armhf' || m === 'armel' || m === 'arm32') return 'arm';
  if (/^i[3-6]86$/.test(m) || m === '386' || m === 'x86' || m === 'ia32') return '386';
  if (m === 's390x') return 's390x';
  if (m === 'ppc64le') return 'ppc64le';
  if (m === 'ppc64') return 'ppc64';
  if (m === 'riscv64') return 'riscv64';
  if (m === 'loongarch64') return 'loong64';
  if (m.startsWith('mips')) return 'mips';
  return undefined;
}

/** `uname -m` (Linux and macOS) to Arch. */
export const archFromUname = normalizeArch;

/** The architecture of a machine that runs Vagrant, or undefined for any other. */
export function hostArchOf(value: string): HostArch | undefined {
  const arch = normalizeArch(value);
  return arch === 'amd64' || arch === 'arm64' ? arch : undefined;
}

/** Vagrant's `box_architecture` value: an Arch, or "auto" (also nil / empty: pick the host's). */
export function archFromSetting(value: string): Arch | 'auto' | undefined {
  const v = value.trim().toLowerCase();
  if (v === 'auto' || v === 'nil' || v === '') return 'auto';
  return normalizeArch(v);
}

/** Arch from the description `file` prints for an ELF file; undefined when it is not ELF or unknown. */
export function archFromFileDescription(description: string): Arch | undefined {
  if (!/\bELF\b/.test(description)) return undefined;
  const d = description;
  if (/x86-64/.test(d)) return 'amd64';
  if (/ARM aarch64|aarch64/.test(d)) return 'arm64';
  if (/\bARM\b/.test(d)) return 'arm';
  if (/Intel 80386|Intel i386/.test(d)) return '386';
  if (/S\/390/.test(d)) return 's390x';
  if (/PowerPC|OpenPOWER/.test(d)) return /LSB/.test(d) ? 'ppc64le' : 'ppc64';
  if (/RISC-V/.test(d)) return 'riscv64';
  if (/LoongArch/.test(d)) return 'loong64';
  if (/MIPS/.test(d)) return 'mips';
  return undefined;
}

/** e_machine values (ELF spec) for the architectures Kubernetes ships. */
const E_MACHINE: Record<number, Arch> = {
  3: '386',
  8: 'mips',
  21: 'ppc64',
  22: 's390x',
  40: 'arm',
  62: 'amd64',
  183: 'arm64',
  243: 'riscv64',
  258: 'loong64',
};

export type ElfHeader = { elf: false } | { elf: true; arch: Arch | undefined; machine: number; bits: 32 | 64 };

/** Reads the first 20 header bytes as printed by `od -A n -t x1 -N 20` (hex pairs, space separated). */
export function parseElfHeader(hex: string): ElfHeader | undefined {
  const bytes = hex
    .trim()
    .split(/\s+/)
    .filter((part) => part !== '')
    .map((part) => (/^[0-9a-f]{2}$/i.test(part) ? Number.parseInt(part, 16) : Number.NaN));
  if (bytes.some((byte) => Number.isNaN(byte))) return undefined;
  if (bytes.length < 4) return bytes.length === 0 ? undefined : { elf: false };
  if (bytes[0] !== 0x7f || bytes[1] !== 0x45 || bytes[2] !== 0x4c || bytes[3] !== 0x46) return { elf: false };
  if (bytes.length < 20) return undefined;
  const bits = bytes[4] === 2 ? 64 : 32;
  const bigEndian = bytes[5] === 2;
  const lo = bytes[18] ?? 0;
  const hi = bytes[19] ?? 0;
  const machine = bigEndian ? (lo << 8) | hi : (hi << 8) | lo;
  let arch = E_MACHINE[machine];
  if (arch === 'ppc64' && !bigEndian) arch = 'ppc64le';
  return { elf: true, arch, machine, bits };
}
