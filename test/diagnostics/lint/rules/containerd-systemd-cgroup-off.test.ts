import { expect, it } from 'vitest';
import subject from '../../../../src/diagnostics/lint/rules/containerd-systemd-cgroup-off';

// TODO(new:runbook): replace this file with a valid/invalid table (see the other rule tests).
it('containerd-systemd-cgroup-off has real test cases', () => {
  expect(subject.meta.id).toBe('containerd-systemd-cgroup-off');
  expect.fail('scaffolded by npm run new:runbook: write the valid/invalid cases');
});
