/**
 * CPU architectures under one vocabulary (Go/Debian names): from `uname -m`, from `file`
 * descriptions, and from the ELF header bytes that `od` prints.
 */

export type Arch = 'amd64' | 'arm64' | 'arm' | '386' | 's390x' | 'ppc64le' | 'ppc64' | 'riscv64' | 'loong64' | 'mips';

/** `uname -m` (Linux and macOS) to Arch. */
export function archFromUname(machine: string): Arch | undefined {
  const m = machine.trim().toLowerCase();
  if (m === 'x86_64' || m === 'amd64') return 'amd64';
  if (m === 'aarch64' || m === 'arm64' || m === 'aarch64_be') return 'arm64';
  if (/^armv\d/.test(m) || m === 'arm') return 'arm';
  if (/^i[3-6]86$/.test(m)) return '386';
  if (m === 's390x') return 's390x';
  if (m === 'ppc64le') return 'ppc64le';
  if (m === 'ppc64') return 'ppc64';
  if (m === 'riscv64') return 'riscv64';
  if (m === 'loongarch64') return 'loong64';
  if (m.startsWith('mips')) return 'mips';
  return undefined;
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
