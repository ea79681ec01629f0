import { type Arch, archFromSetting } from '../../facts/arch';
import { boxArchitecture, guestRunsOn } from '../../facts/vagrant-box';
import { defineRule, type RuleReport } from '../types';

/** The one architecture a box name says it is built for (facts/vagrant-box.ts decides), if any. */
export function boxArch(name: string): Arch | undefined {
  const box = boxArchitecture(name);
  return box.kind === 'single' ? box.arch : undefined;
}

const wantedArch = (value: string): Arch | undefined => {
  const arch = archFromSetting(value);
  return arch === 'auto' ? undefined : arch;
};

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
      'box_architecture pass. The box name is read through Ruby constants, variables, machine tables ' +
      '(`box: "..."` in a list of hashes) and settings files the Vagrantfile loads (`node[\'image\']` from YAML).',
  },
  check(file, ctx) {
    const model = file.vagrant;
    if (model === undefined) return [];
    const reports: RuleReport[] = [];
    const host = ctx.hostArch;
    const archFor = (receiver: string | undefined) =>
      model.architectures.find((a) => a.receiver === receiver) ??
      model.architectures.find((a) => a.receiver === 'config');
    const reported = new Set<number>();
    for (const box of model.boxes) {
      // A box read from a table or settings file may take several values at one place: one finding there.
      if (reported.has(box.start)) continue;
      const arch = boxArch(box.name);
      const explicit = archFor(box.receiver);
      if (arch !== undefined && !guestRunsOn(arch, host)) {
        const hint =
          host === 'arm64'
            ? 'use a box built for arm64 (its name says arm64 or aarch64) or a multi-architecture box such as bento/ubuntu-24.04'
            : 'use an amd64 build of the box';
        reported.add(box.start);
        reports.push({
          start: box.start,
          end: box.end,
          message: `box "${box.name}" is built for ${arch} only, but this host is ${host}: VirtualBox cannot start it (NS_ERROR_FAILURE); ${hint}`,
        });
        continue;
      }
      if (explicit !== undefined) {
        const wanted = wantedArch(explicit.value);
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
        const wanted = wantedArch(explicit.value);
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
