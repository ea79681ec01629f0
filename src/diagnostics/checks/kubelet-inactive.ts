/**
 * kubelet is not running (or restarts in a loop). A join waits for the kubelet's TLS bootstrap
 * and hangs until its timeout when kubelet cannot start; the journal says why.
 */

import { type KubeletJournal, kubeletJournalProbe, parseKubeletJournal } from '../probes/kubelet-journal';
import { kubeletServiceProbe, parseKubeletService } from '../probes/kubelet-service';
import { type CheckSpecMeta, defineCheck } from './support/define';
import { unexpected } from './support/findings';

const meta: CheckSpecMeta = {
  id: 'kubelet-inactive',
  title: 'kubelet is running',
  titleKo: 'kubelet이 실행 중이다',
  runbook: 'kubeadm-join-hangs',
  severity: 'error',
  roles: ['control-plane', 'worker'],
};

const SERVICE = kubeletServiceProbe.name;
const JOURNAL = kubeletJournalProbe.name;
const NO_SYSTEMD = /has not been booted with systemd|Failed to connect to bus|System has not been booted|Host is down/i;
const STATES = new Set([
  'active',
  'reloading',
  'inactive',
  'failed',
  'activating',
  'deactivating',
  'unknown',
  'maintenance',
  'refreshing',
]);

/** The journal lines worth showing: errors first, at most eight. */
function pickJournal(lines: readonly string[]): string[] {
  const errors = lines.filter((line) => /\bE\d{4} |error|failed|fail|refused|timeout/i.test(line));
  return (errors.length > 0 ? errors : lines).slice(-8);
}

export default defineCheck({
  meta,
  probes: [kubeletServiceProbe, kubeletJournalProbe],
  analyze: ({ r, sections, open }) => {
    const gate = open(SERVICE);
    if (!gate.ok) return [gate.finding];
    const parsed = parseKubeletService(gate.value.lines);
    if (!parsed.ok) return [unexpected(r, SERVICE, parsed.what, parsed.line, parsed.no)];
    if (parsed.value === null) return [r.skip('systemctl is not installed; cannot ask systemd about kubelet')];
    const { active, show, showLines } = parsed.value;
    if (NO_SYSTEMD.test(active) || showLines.some((line) => NO_SYSTEMD.test(line))) {
      return [
        r.skip('systemd is not running on this machine; kubelet is not managed by a systemd unit here', {
          evidence: [active],
        }),
      ];
    }
    if (!STATES.has(active)) return [unexpected(r, SERVICE, 'not a systemd unit state', active, 1)];

    const journalGate = sections[JOURNAL] === undefined ? undefined : open(JOURNAL);
    let journal: KubeletJournal | undefined;
    const notes: string[] = [];
    if (journalGate?.ok) {
      const read = parseKubeletJournal(journalGate.value.lines);
      if (!read.ok) notes.push(`(journal probe printed something unexpected: ${read.line.slice(0, 80)})`);
      else journal = read.value;
    } else if (journalGate && !journalGate.ok) {
      notes.push(`(journal not read: ${journalGate.finding.message})`);
    }
    const evidence = [
      `kubelet.service active state: ${active}`,
      ...showLines,
      ...pickJournal(journal?.lines ?? []),
      ...notes,
    ];
    const restarts = Number(show.get('NRestarts') ?? '0');
    const loadState = show.get('LoadState');

    if (active === 'active' || active === 'reloading' || active === 'refreshing') {
      return [
        r.pass(`kubelet is ${active}${restarts > 0 ? ` (restarted ${restarts} times since boot)` : ''}`, { evidence }),
      ];
    }
    if (loadState === 'not-found') {
      return [
        r.fail('kubelet.service does not exist: kubelet is not installed on this node', {
          evidence,
          fix: 'install kubelet (same minor version as kubeadm) and run: sudo systemctl enable --now kubelet',
        }),
      ];
    }
    if (journal?.config === false) {
      return [
        r.warn(
          `kubelet is ${active}: /var/lib/kubelet/config.yaml does not exist yet, so kubelet waits for kubeadm init/join (normal before the node joins)`,
          {
            evidence,
            fix: 'run kubeadm init (control plane) or kubeadm join (worker); kubelet starts once they write its config',
          },
        ),
      ];
    }
    const looping = active === 'activating' || show.get('SubState') === 'auto-restart';
    return [
      r.fail(
        looping
          ? `kubelet is restarting in a loop (${restarts} restarts): it starts and exits again`
          : `kubelet is ${active}${show.get('Result') ? ` (result: ${show.get('Result')})` : ''}`,
        {
          evidence,
          fix: 'read why it stops: sudo journalctl -u kubelet -n 50 --no-pager; then sudo systemctl restart kubelet',
        },
      ),
    ];
  },
});
