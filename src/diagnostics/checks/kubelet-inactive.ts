// biome-ignore-all lint/suspicious/noTemplateCurlyInString: probe commands are POSIX sh; ${...} is shell parameter expansion
/**
 * kubelet is not running (or restarts in a loop). A join waits for the kubelet's TLS bootstrap
 * and hangs until its timeout when kubelet cannot start; the journal says why.
 */

import { splitBlocks, splitTag } from '../probes/blocks';
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

const SERVICE = 'kubelet-service';
const JOURNAL = 'kubelet-journal';
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

interface Journal {
  config: boolean | undefined;
  kubeconfig: boolean | undefined;
  lines: string[];
}

function readJournal(lines: readonly string[]): Journal | string {
  const { head, blocks } = splitBlocks(lines);
  const journal: Journal = { config: undefined, kubeconfig: undefined, lines: [] };
  for (const { text } of head) {
    if (text.trim() === '') continue;
    const [tag, rest] = splitTag(text);
    if ((tag === 'config' || tag === 'kubeconfig') && (rest === 'present' || rest === 'absent')) {
      journal[tag] = rest === 'present';
    } else return text;
  }
  for (const block of blocks) {
    if (block.marker === 'journal')
      journal.lines = block.quoted.map((line) => line.text).filter((line) => line.trim() !== '');
    else if (block.marker !== 'missing') return `### ${block.marker}`;
  }
  return journal;
}

/** The journal lines worth showing: errors first, at most eight. */
function pickJournal(lines: readonly string[]): string[] {
  const errors = lines.filter((line) => /\bE\d{4} |error|failed|fail|refused|timeout/i.test(line));
  return (errors.length > 0 ? errors : lines).slice(-8);
}

export default defineCheck({
  meta,
  probes: [
    {
      name: SERVICE,
      command: [
        "nl='",
        "'",
        'if command -v systemctl >/dev/null 2>&1; then',
        '  v=$(systemctl is-active kubelet 2>&1); echo "is-active ${v%%"$nl"*}"',
        // Each line prefixed by builtins (was `| sed`; issue 16).
        '  out=$(systemctl show kubelet -p LoadState -p ActiveState -p SubState -p Result -p NRestarts -p ExecMainStatus 2>&1)',
        'while [ -n "$out" ]; do l=${out%%"$nl"*}; printf \'show %s\\n\' "$l"; out=${out#"$l"}; out=${out#"$nl"}; done',
        'else echo "### missing systemctl"; fi',
        'echo "### end"',
      ].join('\n'),
    },
    {
      name: JOURNAL,
      needsRoot: true,
      command: [
        "nl='",
        "'",
        'if [ -e /var/lib/kubelet/config.yaml ]; then echo "config present"; else echo "config absent"; fi',
        'if [ -e /etc/kubernetes/kubelet.conf ]; then echo "kubeconfig present"; else echo "kubeconfig absent"; fi',
        // Each line prefixed by builtins (was `| sed`; issue 16).
        'if command -v journalctl >/dev/null 2>&1; then echo "### journal"; out=$(journalctl -u kubelet -n 15 --no-pager -o short-iso 2>&1);',
        'while [ -n "$out" ]; do l=${out%%"$nl"*}; printf \'| %s\\n\' "$l"; out=${out#"$l"}; out=${out#"$nl"}; done',
        'else echo "### missing journalctl"; fi',
        'echo "### end"',
      ].join('\n'),
    },
  ],
  analyze: ({ r, sections, open }) => {
    const gate = open(SERVICE);
    if (!gate.ok) return [gate.finding];
    const { head, blocks, complete } = splitBlocks(gate.value.lines);
    if (blocks.some((block) => block.marker === 'missing'))
      return [r.skip('systemctl is not installed; cannot ask systemd about kubelet')];
    const stray = blocks[0];
    if (stray) return [unexpected(r, SERVICE, 'unknown marker', `### ${stray.marker}`, stray.no)];
    let active: string | undefined;
    const show = new Map<string, string>();
    const showLines: string[] = [];
    for (const { text, no } of head) {
      if (text.trim() === '') continue;
      const [tag, rest] = splitTag(text);
      if (tag === 'is-active') active = rest;
      else if (tag === 'show') {
        const eq = rest.indexOf('=');
        if (eq > 0) show.set(rest.slice(0, eq), rest.slice(eq + 1));
        showLines.push(rest);
      } else return [unexpected(r, SERVICE, 'expected "is-active ..." or "show ..." lines', text, no)];
    }
    if (active === undefined || !complete)
      return [unexpected(r, SERVICE, 'no "is-active" line (output cut short?)', gate.value.lines[0] ?? '', 1)];
    if (NO_SYSTEMD.test(active) || showLines.some((line) => NO_SYSTEMD.test(line))) {
      return [
        r.skip('systemd is not running on this machine; kubelet is not managed by a systemd unit here', {
          evidence: [active],
        }),
      ];
    }
    if (!STATES.has(active)) return [unexpected(r, SERVICE, 'not a systemd unit state', active, 1)];

    const journalGate = sections[JOURNAL] === undefined ? undefined : open(JOURNAL);
    let journal: Journal | undefined;
    const notes: string[] = [];
    if (journalGate?.ok) {
      const read = readJournal(journalGate.value.lines);
      if (typeof read === 'string') notes.push(`(journal probe printed something unexpected: ${read.slice(0, 80)})`);
      else journal = read;
    } else if (journalGate && !journalGate.ok) {
      notes.push(`(journal not read: ${journalGate.finding.message})`);
    }
    const evidence = [
      `systemctl is-active kubelet: ${active}`,
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
