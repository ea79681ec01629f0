/**
 * `ansible all -m shell -a "$(k8sdiag probe-script)"` (README, large fleets; `npm run bench`) hands
 * the script to Ansible's argument splitter, which reads `\'` as an escaped quote even inside single
 * quotes: a string quoted twice for sh is "unbalanced" to it and the run fails before any node is
 * contacted. The script must pass that splitter, as the real Ansible on this machine runs it.
 */
import { execFileSync } from 'node:child_process';
import { expect, it } from 'vitest';
import { planProbes } from '../../../src/diagnostics/probe/plan';
import { buildProbeScript } from '../../../src/diagnostics/probe/script';
import { clusterChecks, nodeChecks } from '../../../src/diagnostics/registry';

const SPLIT = 'import sys\nfrom ansible.parsing.splitter import split_args\nsplit_args(sys.stdin.read())\nprint("ok")';

function hasAnsible(): boolean {
  try {
    execFileSync('/usr/bin/python3', ['-c', 'import ansible'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

it.skipIf(!hasAnsible())("the whole registry's script passes Ansible's argument splitter", () => {
  const plan = planProbes(Object.values(nodeChecks), Object.values(clusterChecks));
  expect(plan.probes.some((probe) => probe.needsRoot)).toBe(true);
  const script = buildProbeScript(plan, { nonce: 'cd'.repeat(16) });
  const out = execFileSync('/usr/bin/python3', ['-c', SPLIT], { input: script, encoding: 'utf8' });
  expect(out.trim()).toBe('ok');
});
