/**
 * TODO(new:runbook): what this check detects on a node, and why it matters (one paragraph).
 */
import { type CheckMeta, defineCheck } from '../types';
import { guarded, openSection, reporter } from './support/findings';

const meta: CheckMeta = {
  id: 'containerd-cri-disabled',
  title: 'TODO(new:runbook) the healthy state, as a sentence',
  runbook: 'containerd-cri-disabled',
  severity: 'error',
  roles: ['control-plane', 'worker'],
  needsRoot: false,
};

const PROBE = 'containerd-cri-disabled';

export default defineCheck({
  meta,
  probes: [
    {
      name: PROBE,
      // TODO(new:runbook): a read-only command (see checks/shared-probes.ts for the rules), ending in an end marker.
      command: 'echo "### end"',
    },
  ],
  analyze: guarded(meta, (sections) => {
    const r = reporter(meta);
    const gate = openSection(r, sections, PROBE);
    if (!gate.ok) return [gate.finding];
    // TODO(new:runbook): parse gate.value.lines and return pass / fail findings with evidence and a fix.
    return [r.error('TODO(new:runbook): analyzer not written yet')];
  }),
});
