/**
 * Kubernetes binaries built for another CPU than the node's: they fail with "Exec format error".
 * Reads the ELF header with one awk (or `file -L` where that awk cannot read NUL bytes), or with
 * `od` when `file` is not installed.
 */

import { archFromUname } from '../facts/arch';
import { binaryArchProbe, parseBinaryArch } from '../probes/binary-arch';
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

const PROBE = binaryArchProbe.name;

export default defineCheck({
  meta,
  probes: [binaryArchProbe],
  analyze: ({ r, open }) => {
    const gate = open(PROBE);
    if (!gate.ok) return [gate.finding];
    const parsed = parseBinaryArch(gate.value.lines);
    if (!parsed.ok) return [unexpected(r, PROBE, parsed.what, parsed.line, parsed.no)];
    const { machine, tool } = parsed.value;
    const binaries = parsed.value.binaries.map((binary) => ({
      ...binary,
      line:
        binary.read === 'unreadable'
          ? `${binary.path}: unreadable header ${quote(binary.description, 60)}`
          : `${binary.path}: ${binary.description}`,
    }));
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
