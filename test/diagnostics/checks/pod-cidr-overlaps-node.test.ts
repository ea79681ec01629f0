import { expect, it } from 'vitest';
import subject from '../../../src/diagnostics/checks/pod-cidr-overlaps-node';

// TODO(new:runbook): replace this file with a valid/invalid table (see the other check tests).
it('pod-cidr-overlaps-node has real test cases', () => {
  expect(subject.meta.id).toBe('pod-cidr-overlaps-node');
  expect.fail('scaffolded by npm run new:runbook: write the valid/invalid cases from real captured output (test/fixtures/README.md)');
});
