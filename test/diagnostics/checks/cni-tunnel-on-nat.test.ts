import { expect, it } from 'vitest';
import subject from '../../../src/diagnostics/checks/cni-tunnel-on-nat';

// TODO(new:runbook): replace this file with a valid/invalid table (see the other check tests).
it('cni-tunnel-on-nat has real test cases', () => {
  expect(subject.meta.id).toBe('cni-tunnel-on-nat');
  expect.fail('scaffolded by npm run new:runbook: write the valid/invalid cases from real captured output (test/fixtures/README.md)');
});
