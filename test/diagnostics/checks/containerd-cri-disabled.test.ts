import { expect, it } from 'vitest';
import subject from '../../../src/diagnostics/checks/containerd-cri-disabled';

// TODO(new:runbook): replace this file with a valid/invalid table (see the other check tests).
it('containerd-cri-disabled has real test cases', () => {
  expect(subject.meta.id).toBe('containerd-cri-disabled');
  expect.fail('scaffolded by npm run new:runbook: write the valid/invalid cases from real captured output (test/fixtures/README.md)');
});
