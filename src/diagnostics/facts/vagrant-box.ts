/**
 * What a Vagrant box name says about the CPU architecture of its builds. One classifier for the
 * host-box-arch check and the vagrant-box-arch lint rule.
 *
 * Facts behind the families (deliberate choices; the table test in test/diagnostics/facts/ holds them):
 * - a name with arm64/aarch64/a64 is an arm64 build (net9/ubuntu-24.04-arm64, bento/ubuntu-22.04-arm64);
 * - a name with a bare `arm` token (spox/ubuntu-arm, ...) is an arm64 build too: boxes for ARM are made
 *   for Apple Silicon and arm64 servers; no provider runs 32-bit ARM guests. (The *word* `arm` on its own,
 *   as uname or dpkg print it, stays 32-bit ARM in facts/arch.ts.)
 * - amd64/x86_64/x64 in the name is amd64; i386/i686 or a `...32` name (ubuntu/trusty32) is 32-bit x86;
 * - Canonical's ubuntu/*, HashiCorp's hashicorp/*, Roboxes' generic/* and generic-x64/*, centos/*,
 *   debian/* and fedora/* (the Fedora Cloud Base boxes on Vagrant Cloud are x86_64 builds) are amd64 only;
 * - Roboxes' generic-a64/* are the aarch64 builds;
 * - bento/* publish several architectures under one name since Vagrant 2.4 (box_architecture picks one),
 *   but not for every version and provider;
 * - anything else: the name does not tell.
 */
import type { Arch, HostArch } from './arch';

export type BoxArch =
  | { kind: 'single'; arch: Arch; why: string }
  | { kind: 'multi'; why: string }
  | { kind: 'unknown'; why: string };

const AMD64_FAMILIES = new Set(['ubuntu', 'hashicorp', 'generic', 'generic-x64', 'centos', 'debian', 'fedora']);
const ARM64_FAMILIES = new Set(['generic-a64']);
const MULTI_FAMILIES = new Set(['bento']);

const token = (words: string): RegExp => new RegExp(`(?:^|[^a-z0-9])(?:${words})(?:[^a-z0-9]|$)`);
const ARM64_WORD = /arm64|aarch64/;
const ARM_TOKEN = token('a64|arm|armv8');
const AMD64_TOKEN = token('amd64|x86_64|x86-64|x64');
const X86_32 = /i[3-6]86/;

export function boxArchitecture(box: string): BoxArch {
  const name = box.trim().toLowerCase();
  const family = name.includes('/') ? name.slice(0, name.indexOf('/')) : '';
  const base = name.slice(family.length === 0 ? 0 : family.length + 1);
  if (ARM64_WORD.test(name) || ARM_TOKEN.test(base)) {
    return { kind: 'single', arch: 'arm64', why: 'the box name says arm64' };
  }
  if (AMD64_TOKEN.test(name)) return { kind: 'single', arch: 'amd64', why: 'the box name says amd64' };
  if (X86_32.test(name) || /[a-z]32$/.test(base)) {
    return { kind: 'single', arch: '386', why: 'the box name says 32-bit x86' };
  }
  if (ARM64_FAMILIES.has(family)) {
    return { kind: 'single', arch: 'arm64', why: `the ${family}/* boxes are the arm64 (aarch64) builds` };
  }
  if (AMD64_FAMILIES.has(family)) {
    return {
      kind: 'single',
      arch: 'amd64',
      why:
        family === 'ubuntu'
          ? "Canonical's ubuntu/* boxes are built for amd64 only"
          : family === 'generic'
            ? 'the Roboxes generic/* boxes are built for amd64 only'
            : `the ${family}/* boxes are built for amd64 only`,
    };
  }
  if (MULTI_FAMILIES.has(family)) {
    return {
      kind: 'multi',
      why: 'bento/* boxes publish arm64 builds under the same name for some versions and providers only (Vagrant >= 2.4 picks by host architecture)',
    };
  }
  return { kind: 'unknown', why: 'the box name does not tell its architecture' };
}

/** Whether a guest of `guest` runs on a Vagrant host of `host` (an amd64 host also runs 32-bit x86). */
export function guestRunsOn(guest: Arch, host: HostArch): boolean {
  return guest === host || (host === 'amd64' && guest === '386');
}
