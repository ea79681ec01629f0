/**
 * `k8sdiag run`: diagnose nodes over SSH (or --local) with read-only probes, judge the output,
 * link every finding to its runbook. The flow lives in runner/run.ts; this file wires the process.
 */
import { defineCommand } from 'citty';
import { cittyArgs, parseOptions } from '../options/table';
import { RUN_OPTIONS } from '../runner/options';
import { registryCatalog } from '../runner/registry-catalog';
import { executeRun } from '../runner/run';
import { ttyPrompt } from '../runner/tty';
import { VERSION } from '../version';

export const RUN_DESCRIPTION =
  'Diagnose nodes over SSH with read-only probes; every finding links to its\n' +
  'runbook.\n' +
  'Targets: -i INVENTORY, --vagrant [DIR|FILE], --ssh-config FILE,\n' +
  '         --host user@addr[:port] (repeatable), --local.\n' +
  'Host keys are checked against known_hosts (strict by default).\n' +
  'Passphrases: prompt on a terminal, or $K8SDIAG_SSH_PASSPHRASE.\n' +
  'Exit codes: 0 no failures, 1 failures (warnings too with --strict),\n' +
  '2 bad input, 3 some nodes not reached (unreachable, auth-failed, timeout,\n' +
  'host-key-refused, error), 70 internal error.\n';

export default defineCommand({
  meta: { name: 'run', description: RUN_DESCRIPTION },
  args: cittyArgs(RUN_OPTIONS),
  async run({ rawArgs }) {
    const { values, positionals } = parseOptions(rawArgs, RUN_OPTIONS);
    if (positionals.length > 0) {
      const { K8sdiagError } = await import('../errors');
      throw new K8sdiagError(
        'E_USAGE',
        `unexpected argument "${positionals[0]}"; nodes are given with --host, -i, --vagrant or --ssh-config`,
      );
    }
    const interactive = process.stdin.isTTY === true && process.stderr.isTTY === true;
    return executeRun(values, registryCatalog(), {
      out: (text) => process.stdout.write(text),
      err: (text) => process.stderr.write(text),
      stdoutIsTTY: process.stdout.isTTY === true,
      stderrIsTTY: process.stderr.isTTY === true,
      env: process.env,
      cwd: process.cwd(),
      prompt: interactive ? ttyPrompt : undefined,
      version: VERSION,
    });
  },
});
