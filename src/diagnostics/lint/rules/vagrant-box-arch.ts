import { normalizeArch } from '../arch';
import { defineRule, type HostArch, type RuleReport } from '../types';

/**
 * Boxes published for one architecture only. Canonical's ubuntu/* boxes, HashiCorp's, Roboxes'
 * generic/* (x86_64; arm64 ones live under generic-a64/), centos/*, debian/* and fedora/* are amd64.
 * A name that says arm64/aarch64 is arm64. Multi-architecture boxes (bento/* since 2024) are
 * chosen by `box_architecture` (default :auto = the host's), so only an explicit value can clash.
 */
const AMD64_NAMESPACES = new Set(['ubuntu', 'hashicorp', 'generic', 'generic-x64', 'centos', 'debian', 'fedora']);
const ARM64_NAMESPACES = new Set(['generic-a64']);

export function boxArch(name: string): HostArch | undefined {
  const lower = name.toLowerCase();
  if (/(?:^|[^a-z0-9])(?:arm64|aarch64|a64|arm)(?:[^a-z0-9]|$)/.test(lower) || /arm64|aarch64/.test(lower))
    return 'arm64';
  if (/(?:^|[^a-z0-9])(?:amd64|x86_64|x64|i386)(?:[^a-z0-9]|$)/.test(lower)) return 'amd64';
  const namespace = lower.includes('/') ? lower.slice(0, lower.indexOf('/')) : '';
  if (ARM64_NAMESPACES.has(namespace)) return 'arm64';
  if (AMD64_NAMESPACES.has(namespace)) return 'amd64';
  return undefined;
}

export default defineRule({
  meta: {
    id: 'vagrant-box-arch',
    title: 'Vagrant box built for another CPU architecture than the host',
    severity: 'error',
    runbook: 'vagrant-box-arch-mismatch',
    kinds: ['vagrantfile'],
    description:
      'Flags `config.vm.box` names published for amd64 only (ubuntu/jammy64, generic/ubuntu2204, ...) on an arm64 host ' +
      '(Apple Silicon) and arm64 boxes on an amd64 host, and a `box_architecture` that differs from the host. ' +
      'VirtualBox cannot run a guest of another architecture and aborts with NS_ERROR_FAILURE. The host architecture ' +
      'comes from --host-arch or the machine running k8sdiag. Multi-architecture boxes without an explicit ' +
      'box_architecture pass.',
  },
  check(file, ctx) {
    const model = file.vagrant;
    if (model === undefined) return [];
    const reports: RuleReport[] = [];
    const host = ctx.hostArch;
    const archFor = (receiver: string | undefined) =>
      model.architectures.find((a) => a.receiver === receiver) ??
      model.architectures.find((a) => a.receiver === 'config');
    for (const box of model.boxes) {
      const arch = boxArch(box.name);
      const explicit = archFor(box.receiver);
      if (arch !== undefined && arch !== host) {
        const hint =
          host === 'arm64'
            ? 'use a box built for arm64 (its name says arm64 or aarch64) or a multi-architecture box such as bento/ubuntu-24.04'
            : 'use an amd64 build of the box';
        reports.push({
          start: box.start,
          end: box.end,
          message: `box "${box.name}" is built for ${arch} only, but this host is ${host}: VirtualBox cannot start it (NS_ERROR_FAILURE); ${hint}`,
        });
        continue;
      }
      if (explicit !== undefined) {
        const wanted = normalizeArch(explicit.value);
        if (wanted !== undefined && wanted !== host) {
          reports.push({
            start: explicit.start,
            end: explicit.end,
            message: `box_architecture "${explicit.value}" asks for ${wanted} boxes on a ${host} host; remove it (the default :auto picks the host's architecture) or set "${host}"`,
          });
        }
      }
    }
    // A box_architecture set on its own (no box read above) still has to match.
    if (model.boxes.length === 0) {
      for (const explicit of model.architectures) {
        const wanted = normalizeArch(explicit.value);
        if (wanted !== undefined && wanted !== host) {
          reports.push({
            start: explicit.start,
            end: explicit.end,
            message: `box_architecture "${explicit.value}" asks for ${wanted} boxes on a ${host} host`,
          });
        }
      }
    }
    return reports;
  },
});
