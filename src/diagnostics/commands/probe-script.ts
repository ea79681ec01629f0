/**
 * `k8sdiag probe-script`: print the probe script for an engine you already run at scale
 * (`ansible all -m script -a probe.sh -t DIR`, `parallel-ssh -I -o DIR < probe.sh`), then judge
 * the collected outputs with `k8sdiag analyze DIR`.
 */
import { defineCommand } from 'citty';
import { EXIT, K8sdiagError } from '../errors';
import { cittyArgs, list, parseOptions, seconds, str } from '../options/table';
import { newNonce } from '../probe/nonce';
import { buildProbeScript } from '../probe/script';
import { prepareOutput } from '../report/writer';
import { PROBE_SCRIPT_OPTIONS } from '../runner/options';
import { planForRole, SCRIPT_ROLES, type ScriptRole } from '../runner/plans';
import { registryCatalog } from '../runner/registry-catalog';
import { ignoring } from '../runner/run';

export default defineCommand({
  meta: {
    name: 'probe-script',
    description:
      'Print the read-only probe script (POSIX sh) for Ansible or parallel-ssh;\n' +
      'judge the outputs with `k8sdiag analyze DIR`.\n' +
      'Exit codes: 0 ok, 2 bad input.\n',
  },
  args: cittyArgs(PROBE_SCRIPT_OPTIONS),
  async run({ rawArgs }) {
    const { values, positionals } = parseOptions(rawArgs, PROBE_SCRIPT_OPTIONS);
    if (positionals.length > 0) throw new K8sdiagError('E_USAGE', `unexpected argument "${positionals[0]}"`);
    const role = (str(values, 'role') ?? 'all') as ScriptRole;
    if (!SCRIPT_ROLES.includes(role))
      throw new K8sdiagError('E_USAGE', `--role: "${role}" is not one of ${SCRIPT_ROLES.join(', ')}`);
    // New files are executable (0755); an existing file keeps its mode; a device is written in place.
    const sink = prepareOutput(str(values, 'output'), process.cwd(), { mode: 0o755 });
    const catalog = ignoring(registryCatalog(), list(values, 'ignore'));
    const plan = planForRole(catalog, role, Math.ceil(seconds(values, 'probe-timeout', 10)));
    const script = buildProbeScript(plan, { nonce: newNonce() });
    if (sink === undefined) process.stdout.write(script);
    else sink.write(script);
    return EXIT.ok;
  },
});
