import { expect, it } from 'vitest';
import subject from '../../../src/diagnostics/checks/host-only-range';

// TODO(new:runbook): replace this file with a valid/invalid table (see the other check tests).
it('host-only-range has real test cases', () => {
  expect(subject.meta.id).toBe('host-only-range');
  expect.fail('scaffolded by npm run new:runbook: write the valid/invalid cases from real captured output (test/fixtures/README.md)');
});
