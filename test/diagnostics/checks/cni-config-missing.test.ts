import { expect, it } from 'vitest';
import subject from '../../../src/diagnostics/checks/cni-config-missing';

// TODO(new:runbook): replace this file with a valid/invalid table (see the other check tests).
it('cni-config-missing has real test cases', () => {
  expect(subject.meta.id).toBe('cni-config-missing');
  expect.fail('scaffolded by npm run new:runbook: write the valid/invalid cases from real captured output (test/fixtures/README.md)');
});
