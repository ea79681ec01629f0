import { expect, it } from 'vitest';
import subject from '../../../src/diagnostics/checks/cgroup-driver-mismatch';

// TODO(new:runbook): replace this file with a valid/invalid table (see the other check tests).
it('cgroup-driver-mismatch has real test cases', () => {
  expect(subject.meta.id).toBe('cgroup-driver-mismatch');
  expect.fail('scaffolded by npm run new:runbook: write the valid/invalid cases from real captured output (test/fixtures/README.md)');
});
