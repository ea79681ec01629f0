/**
 * Real artefacts the lab puts on nodes, fetched or generated once and cached:
 * - a foreign-architecture ELF: the aarch64 build of esbuild, taken from the npm registry with
 *   `npm pack @esbuild/linux-arm64@<the esbuild version this repo pins>` (real, not a hand-made header);
 * - an OpenPGP public keyring made by gpg, in the binary (dearmored) form that apt's `signed-by` reads.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { must } from './sh.ts';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const CACHE_DIR = join(REPO_ROOT, 'node_modules/.cache/k8sdiag-lab');

/**
 * A short private directory (0700) outside the checkout for runtime sockets (gpg-agent's): a Unix
 * socket path must fit 108 bytes, and a checkout can live anywhere (a CI workspace, a deep /tmp path).
 */
export function runtimeDir(prefix: string): string {
  return mkdtempSync(join('/tmp', `k8sdiag-${prefix}-`));
}

function esbuildVersion(): string {
  const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'node_modules/esbuild/package.json'), 'utf8')) as {
    version: string;
  };
  return pkg.version;
}

/** Path of a real aarch64 ELF executable (statically linked Go binary), downloaded once. */
export function foreignElf(): string {
  const version = esbuildVersion();
  const target = join(CACHE_DIR, `esbuild-linux-arm64-${version}`);
  if (existsSync(target)) return target;
  const work = join(CACHE_DIR, `pack-${process.pid}`);
  mkdirSync(work, { recursive: true });
  try {
    const out = must('npm', ['pack', '--silent', `@esbuild/linux-arm64@${version}`, '--pack-destination', work]);
    const tarball = join(work, out.trim().split('\n').pop() ?? '');
    must('tar', ['-xzf', tarball, '-C', work, 'package/bin/esbuild']);
    const elf = join(work, 'package/bin/esbuild');
    const header = readFileSync(elf).subarray(0, 20);
    // ELF magic, 64-bit, e_machine 0xB7 (EM_AARCH64) at offset 18.
    if (header.readUInt32BE(0) !== 0x7f454c46 || header[4] !== 2 || header.readUInt16LE(18) !== 0xb7) {
      throw new Error(`${elf} is not an aarch64 ELF`);
    }
    renameSync(elf, target);
    return target;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** A dearmored OpenPGP public keyring, as /etc/apt/keyrings/kubernetes-apt-keyring.gpg is. */
export function aptKeyring(cacheDir = CACHE_DIR): string {
  const target = join(cacheDir, 'kubernetes-apt-keyring.gpg');
  if (existsSync(target)) return target;
  mkdirSync(cacheDir, { recursive: true });
  // gpg starts gpg-agent with its socket in the home directory: keep that path short.
  const home = runtimeDir('gnupg');
  try {
    const gpg = (...args: string[]): string => must('gpg', ['--homedir', home, '--batch', '--quiet', ...args]);
    gpg(
      '--passphrase',
      '',
      '--quick-gen-key',
      'k8sdiag lab apt signing key <lab@example.invalid>',
      'ed25519',
      'sign',
      '0',
    );
    const tmp = `${target}.${process.pid}.tmp`;
    gpg('--output', tmp, '--export', 'lab@example.invalid');
    renameSync(tmp, target);
    return target;
  } finally {
    try {
      must('gpgconf', ['--homedir', home, '--kill', 'gpg-agent']);
    } catch {
      // no agent left to stop
    }
    rmSync(home, { recursive: true, force: true });
  }
}
