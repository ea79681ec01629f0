/**
 * Swap is on. kubelet refuses to start with swap unless its config sets failSwapOn: false, and
 * kubeadm's preflight stops with "[ERROR Swap]"; a join then waits for a kubelet that never runs.
 */
import { parseSwaps, procSwapsProbe } from '../probes/proc-swaps';
import { type CheckSpecMeta, defineCheck } from './support/define';
import { unexpected } from './support/findings';

const meta: CheckSpecMeta = {
  id: 'swap-enabled',
  title: 'Swap is off',
  titleKo: '스왑이 꺼져 있다',
  runbook: 'kubeadm-join-hangs',
  severity: 'error',
  roles: ['control-plane', 'worker'],
};

const PROBE = procSwapsProbe.name;

export default defineCheck({
  meta,
  probes: [procSwapsProbe],
  analyze: ({ r, open }) => {
    const gate = open(PROBE);
    if (!gate.ok) return [gate.finding];
    const parsed = parseSwaps(gate.value.lines);
    if (!parsed.ok) return [unexpected(r, PROBE, parsed.what, parsed.line, parsed.no)];
    if (parsed.value === null) return [r.skip('/proc/swaps does not exist (kernel without swap support)')];
    const { header, areas } = parsed.value;
    const active = areas.map((area) => area.text);
    if (active.length === 0) return [r.pass('swap is off')];
    const names = areas.map((area) => `${area.name} (${area.type}, ${area.size} KiB)`);
    return [
      r.fail(`swap is on: ${names.join(', ')}; kubelet will not start unless failSwapOn is false`, {
        evidence: [header, ...active],
        fix: 'sudo swapoff -a, then comment out the swap entries in /etc/fstab (and mask swap.img.swap or zram units) so swap stays off after a reboot',
      }),
    ];
  },
});
