/**
 * Swap is on. kubelet refuses to start with swap unless its config sets failSwapOn: false, and
 * kubeadm's preflight stops with "[ERROR Swap]"; a join then waits for a kubelet that never runs.
 */
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

const PROBE = 'proc-swaps';

export default defineCheck({
  meta,
  probes: [
    {
      name: PROBE,
      command:
        'if [ -r /proc/swaps ]; then while IFS= read -r l; do printf \'%s\\n\' "$l"; done </proc/swaps; else echo "### missing /proc/swaps"; fi',
    },
  ],
  analyze: ({ r, open }) => {
    const gate = open(PROBE);
    if (!gate.ok) return [gate.finding];
    const { lines } = gate.value;
    const header = lines[0] ?? '';
    if (header.startsWith('### missing')) return [r.skip('/proc/swaps does not exist (kernel without swap support)')];
    if (!/^Filename\s+Type\s+Size\s+Used\s+Priority\s*$/.test(header)) {
      return [unexpected(r, PROBE, 'expected the /proc/swaps header "Filename Type Size Used Priority"', header, 1)];
    }
    const active: string[] = [];
    for (let i = 1; i < lines.length; i++) {
      const line = lines[i] ?? '';
      if (line.trim() === '') continue;
      if (!/^\S+\s+\S+\s+\d+\s+\d+\s+-?\d+\s*$/.test(line)) {
        return [unexpected(r, PROBE, 'not a /proc/swaps entry', line, i + 1)];
      }
      active.push(line.replace(/\s+/g, ' ').trim());
    }
    if (active.length === 0) return [r.pass('swap is off')];
    const names = active.map((line) => `${line.split(' ')[0]} (${line.split(' ')[1]}, ${line.split(' ')[2]} KiB)`);
    return [
      r.fail(`swap is on: ${names.join(', ')}; kubelet will not start unless failSwapOn is false`, {
        evidence: [header.replace(/\s+/g, ' ').trim(), ...active],
        fix: 'sudo swapoff -a, then comment out the swap entries in /etc/fstab (and mask swap.img.swap or zram units) so swap stays off after a reboot',
      }),
    ];
  },
});
