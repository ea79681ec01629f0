/**
 * `k8sdiag analyze DIR`: judge outputs of `k8sdiag probe-script` collected by Ansible
 * (`ansible all -m script -a probe.sh -t DIR`) or parallel-ssh (`parallel-ssh -I -o DIR < probe.sh`).
 */
import { defineCommand } from 'citty';
import { K8sdiagError } from '../errors';
import { cittyArgs, parseOptions } from '../options/table';
import { executeAnalyze } from '../runner/analyze-dir';
import { ANALYZE_OPTIONS } from '../runner/options';
import { registryCatalog } from '../runner/registry-catalog';
import { VERSION } from '../version';

export default defineCommand({
  meta: {
    name: 'analyze',
    description:
      'Judge probe-script outputs collected by Ansible (-t DIR: JSON per host) or\n' +
      'parallel-ssh (-o DIR: one file per host).\n' +
      'Exit codes: 0 no failures, 1 failures (warnings too with --strict),\n' +
      '2 bad input, 3 some hosts have no usable output, 70 internal error.\n',
  },
  args: cittyArgs(ANALYZE_OPTIONS, { name: 'dir', description: 'Directory with one output file per host' }),
  async run({ rawArgs }) {
    const { values, positionals } = parseOptions(rawArgs, ANALYZE_OPTIONS);
    const [dir, extra] = positionals;
    if (dir === undefined) throw new K8sdiagError('E_USAGE', 'analyze needs a directory: k8sdiag analyze DIR');
    if (extra !== undefined) throw new K8sdiagError('E_USAGE', `unexpected argument "${extra}"`);
    return executeAnalyze(dir, values, registryCatalog(), {
      out: (text) => process.stdout.write(text),
      err: (text) => process.stderr.write(text),
      stdoutIsTTY: process.stdout.isTTY === true,
      stderrIsTTY: process.stderr.isTTY === true,
      env: process.env,
      cwd: process.cwd(),
      version: VERSION,
    });
  },
});
