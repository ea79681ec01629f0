import { expect, it } from 'vitest';
import subject from '../../../../src/diagnostics/lint/rules/vbox-hostonly-range';

// TODO(new:runbook): replace this file with a valid/invalid table (see the other rule tests).
it('vbox-hostonly-range has real test cases', () => {
  expect(subject.meta.id).toBe('vbox-hostonly-range');
  expect.fail('scaffolded by npm run new:runbook: write the valid/invalid cases');
});
