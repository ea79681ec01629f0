/**
 * The `root-kubeconfig` probe and its parser: which of the kubeconfigs root would use exist, as
 * `present <path>` / `absent <path>` lines (user-kubeconfig-missing reads it).
 */
import type { Probe } from '../types';
import { splitBlocks, splitTag } from './blocks';
import type { Parsed } from './parsed';

/** root's own kubeconfig and the two kubeadm writes for admins. */
export const rootKubeconfigProbe: Probe = {
  name: 'root-kubeconfig',
  needsRoot: true,
  command: [
    'for f in /root/.kube/config /etc/kubernetes/admin.conf /etc/kubernetes/super-admin.conf; do',
    '  if [ -e "$f" ]; then echo "present $f"; else echo "absent $f"; fi',
    'done',
    'echo "### end"',
  ].join('\n'),
};

/** The files the probe found present, in probe order. */
export function parseRootKubeconfig(lines: readonly string[]): Parsed<string[]> {
  const { head, blocks } = splitBlocks(lines);
  const stray = blocks[0];
  if (stray) return { ok: false, what: 'unknown marker', line: `### ${stray.marker}`, no: stray.no };
  const present: string[] = [];
  for (const { text, no } of head) {
    if (text.trim() === '') continue;
    const [state, path] = splitTag(text);
    if ((state !== 'present' && state !== 'absent') || !path.startsWith('/')) {
      return { ok: false, what: 'expected "present|absent <path>" lines', line: text, no };
    }
    if (state === 'present') present.push(path);
  }
  return { ok: true, value: present };
}
