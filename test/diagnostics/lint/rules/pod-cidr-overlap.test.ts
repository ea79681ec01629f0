import { expect, it } from 'vitest';
import subject from '../../../../src/diagnostics/lint/rules/pod-cidr-overlap';

// TODO(new:runbook): replace this file with a valid/invalid table (see the other rule tests).
it('pod-cidr-overlap has real test cases', () => {
  expect(subject.meta.id).toBe('pod-cidr-overlap');
  expect.fail('scaffolded by npm run new:runbook: write the valid/invalid cases');
});
