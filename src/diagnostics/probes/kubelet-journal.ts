// biome-ignore-all lint/suspicious/noTemplateCurlyInString: probe commands are POSIX sh; ${...} is shell parameter expansion
/**
 * The `kubelet-journal` probe and its parser: whether kubeadm wrote kubelet's config and
 * kubeconfig (`config|kubeconfig present|absent`) and the last 15 journal lines of kubelet.service,
 * quoted in a `### journal` block, or `### missing journalctl` (kubelet-inactive reads it).
 */
import type { Probe } from '../types';
import { splitBlocks, splitTag } from './blocks';
import type { Parsed } from './parsed';

/** kubelet's config files and its recent journal (root: the journal of a system unit). */
export const kubeletJournalProbe: Probe = {
  name: 'kubelet-journal',
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
};

export interface KubeletJournal {
  /** /var/lib/kubelet/config.yaml exists (kubeadm init/join wrote it); undefined when not printed. */
  config: boolean | undefined;
  /** /etc/kubernetes/kubelet.conf exists; undefined when not printed. */
  kubeconfig: boolean | undefined;
  /** The journal lines, blank ones left out (none when journalctl is missing). */
  lines: string[];
}

export function parseKubeletJournal(lines: readonly string[]): Parsed<KubeletJournal> {
  const { head, blocks } = splitBlocks(lines);
  const journal: KubeletJournal = { config: undefined, kubeconfig: undefined, lines: [] };
  for (const { text, no } of head) {
    if (text.trim() === '') continue;
    const [tag, rest] = splitTag(text);
    if ((tag === 'config' || tag === 'kubeconfig') && (rest === 'present' || rest === 'absent')) {
      journal[tag] = rest === 'present';
    } else return { ok: false, what: 'expected "config|kubeconfig present|absent" lines', line: text, no };
  }
  for (const block of blocks) {
    if (block.marker === 'journal')
      journal.lines = block.quoted.map((line) => line.text).filter((line) => line.trim() !== '');
    else if (block.marker !== 'missing')
      return { ok: false, what: 'unknown marker', line: `### ${block.marker}`, no: block.no };
  }
  return { ok: true, value: journal };
}
