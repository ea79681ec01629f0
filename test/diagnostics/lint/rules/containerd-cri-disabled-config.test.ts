import { expect, it } from 'vitest';
import subject from '../../../../src/diagnostics/lint/rules/containerd-cri-disabled-config';

// TODO(new:runbook): replace this file with a valid/invalid table (see the other rule tests).
it('containerd-cri-disabled-config has real test cases', () => {
  expect(subject.meta.id).toBe('containerd-cri-disabled-config');
  expect.fail('scaffolded by npm run new:runbook: write the valid/invalid cases');
});
