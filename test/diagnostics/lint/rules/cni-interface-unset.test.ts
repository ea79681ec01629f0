import { expect, it } from 'vitest';
import subject from '../../../../src/diagnostics/lint/rules/cni-interface-unset';

// TODO(new:runbook): replace this file with a valid/invalid table (see the other rule tests).
it('cni-interface-unset has real test cases', () => {
  expect(subject.meta.id).toBe('cni-interface-unset');
  expect.fail('scaffolded by npm run new:runbook: write the valid/invalid cases');
});
