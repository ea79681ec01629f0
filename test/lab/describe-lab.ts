/**
 * `describeLab(title, fn)`: a describe block that runs when the lab can run; otherwise it is skipped
 * with a one-line reason in its title, or, under CI=true, replaced by one failing test that says why.
 * Lab tests wait on real timeouts (SSH, probes) on a shared machine, so each test gets `timeoutMs`
 * (default 120 s) instead of the suite's 30 s.
 */
import { describe, it } from 'vitest';
import { IN_CI, labUnavailable } from './guard.ts';

export function describeLab(
  title: string,
  fn: () => void,
  options: { needCli?: boolean; timeoutMs?: number } = {},
): void {
  const reason = labUnavailable(options);
  const timeout = options.timeoutMs ?? 120_000;
  if (reason === undefined) {
    describe(title, { timeout }, fn);
  } else if (IN_CI) {
    describe(title, () => {
      it('the lab can run here (CI=true: a lab test that cannot run fails)', () => {
        throw new Error(`lab unavailable: ${reason}`);
      });
    });
  } else {
    process.stderr.write(`skipping "${title}": ${reason}\n`);
    describe.skip(`${title} [skipped: ${reason}]`, fn);
  }
}
