/**
 * `describeLab(title, fn)`: a describe block that runs when the lab can run; otherwise it is skipped
 * with a one-line reason in its title, or, under CI=true, replaced by one failing test that says why.
 */
import { describe, it } from 'vitest';
import { IN_CI, labUnavailable } from './guard.ts';

export function describeLab(title: string, fn: () => void, options: { needCli?: boolean } = {}): void {
  const reason = labUnavailable(options);
  if (reason === undefined) {
    describe(title, fn);
  } else if (IN_CI) {
    describe(title, () => {
      it('the lab can run here (CI=true: a lab test that cannot run fails)', () => {
        throw new Error(`lab unavailable: ${reason}`);
      });
    });
  } else {
    describe.skip(`${title} [skipped: ${reason}]`, fn);
  }
}
