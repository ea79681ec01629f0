/**
 * The shared facts: one architecture vocabulary, one box classifier, one list of Kubernetes package
 * hosts. The rows marked "decided" are where the old copies disagreed (lint/arch.ts,
 * checks/support/arch.ts, checks/support/vagrant.ts, lint/rules/vagrant-box-arch.ts).
 */
import { describe, expect, it } from 'vitest';
import { isLegacyKubernetesSource, isPkgsK8sIo } from '../../../src/diagnostics/facts/apt-repos';
import { archFromSetting, hostArchOf, normalizeArch } from '../../../src/diagnostics/facts/arch';
import { boxArchitecture, guestRunsOn } from '../../../src/diagnostics/facts/vagrant-box';

describe('normalizeArch', () => {
  it.each([
    ['x86_64', 'amd64'],
    ['amd64', 'amd64'],
    ['x64', 'amd64'], // Node's process.arch
    ['X86-64', 'amd64'],
    ['aarch64', 'arm64'],
    ['arm64', 'arm64'],
    ['arm64v8', 'arm64'],
    ['arm', 'arm'], // decided: bare arm is 32-bit (uname, Go, Debian), never arm64
    ['armv7l', 'arm'],
    ['armv8l', 'arm'], // a 32-bit kernel on an ARMv8 CPU
    ['armhf', 'arm'],
    ['i686', '386'],
    ['i386', '386'],
    ['ia32', '386'],
    ['s390x', 's390x'],
    ['ppc64le', 'ppc64le'],
    ['riscv64', 'riscv64'],
    ['sparc', undefined],
    ['', undefined],
  ])('%s -> %s', (value, arch) => {
    expect(normalizeArch(value)).toBe(arch);
  });

  it.each([
    ['x86_64', 'amd64'],
    ['x64', 'amd64'],
    ['aarch64', 'arm64'],
    ['arm', undefined],
    ['i386', undefined],
  ])('host arch %s -> %s', (value, arch) => {
    expect(hostArchOf(value)).toBe(arch);
  });

  it.each([
    ['auto', 'auto'],
    ['nil', 'auto'],
    ['', 'auto'],
    ['arm64', 'arm64'],
    ['x86_64', 'amd64'],
    ['i386', '386'],
    ['banana', undefined],
  ])('box_architecture %s -> %s', (value, arch) => {
    expect(archFromSetting(value)).toBe(arch);
  });
});

describe('boxArchitecture', () => {
  it.each([
    ['ubuntu/jammy64', 'single', 'amd64'],
    ['ubuntu/focal64', 'single', 'amd64'],
    ['ubuntu/trusty32', 'single', '386'],
    ['generic/ubuntu2204', 'single', 'amd64'],
    ['generic-x64/ubuntu2204', 'single', 'amd64'],
    ['generic-a64/ubuntu2204', 'single', 'arm64'], // decided: Roboxes' aarch64 builds (checks said unknown)
    ['fedora/39-cloud-base', 'single', 'amd64'], // decided: Fedora Cloud boxes are x86_64 (checks said unknown)
    ['hashicorp/bionic64', 'single', 'amd64'],
    ['debian/bookworm64', 'single', 'amd64'],
    ['centos/7', 'single', 'amd64'],
    ['spox/ubuntu-arm', 'single', 'arm64'], // decided: a box name's bare arm token is arm64 (lint said arm64, the vocabulary arm)
    ['net9/ubuntu-24.04-arm64', 'single', 'arm64'],
    ['bento/ubuntu-22.04-arm64', 'single', 'arm64'],
    ['someone/ubuntu-aarch64', 'single', 'arm64'],
    ['someone/centos-7-x86_64', 'single', 'amd64'],
    ['someone/debian-i386', 'single', '386'], // decided: 32-bit x86, which an amd64 host runs (lint said amd64)
    ['bento/ubuntu-24.04', 'multi', undefined],
    ['bento/ubuntu-22.04', 'multi', undefined],
    ['armbox/thing', 'unknown', undefined], // the family name is not the box name
    ['someone/harmony', 'unknown', undefined],
    ['mycorp/k8s-node', 'unknown', undefined],
  ])('%s -> %s %s', (box, kind, arch) => {
    const got = boxArchitecture(box);
    expect(got.kind).toBe(kind);
    expect(got.kind === 'single' ? got.arch : undefined).toBe(arch);
    expect(got.why).not.toBe('');
  });

  it.each([
    ['amd64', 'amd64', true],
    ['386', 'amd64', true],
    ['arm64', 'amd64', false],
    ['amd64', 'arm64', false],
    ['386', 'arm64', false],
    ['arm64', 'arm64', true],
  ] as const)('a %s guest on a %s host runs: %s', (guest, host, runs) => {
    expect(guestRunsOn(guest, host)).toBe(runs);
  });
});

describe('Kubernetes package hosts', () => {
  it.each([
    ['https://apt.kubernetes.io/', ['kubernetes-xenial'], true],
    ['https://apt.kubernetes.io', undefined, true],
    ['https://yum.kubernetes.io/repos/kubernetes-el7-x86_64', undefined, true],
    ['https://packages.cloud.google.com/apt', ['kubernetes-xenial'], true],
    ['https://packages.cloud.google.com/apt', ['cloud-sdk'], false],
    ['https://packages.cloud.google.com/apt', undefined, true],
    ['https://packages.cloud.google.com/yum/repos/kubernetes-el7-x86_64', undefined, true],
    ['https://pkgs.k8s.io/core:/stable:/v1.30/deb/', undefined, false],
    ['http://archive.ubuntu.com/ubuntu', undefined, false],
  ] as const)('%s %j legacy: %s', (uri, suites, legacy) => {
    expect(isLegacyKubernetesSource(uri, suites)).toBe(legacy);
  });

  it.each([
    ['https://pkgs.k8s.io/core:/stable:/v1.30/deb/', true],
    ['https://prod-cdn.packages.k8s.io/repositories/isv:/kubernetes:/core:/stable:/v1.30/deb/', true],
    ['https://apt.kubernetes.io/', false],
  ])('%s current: %s', (uri, current) => {
    expect(isPkgsK8sIo(uri)).toBe(current);
  });
});
