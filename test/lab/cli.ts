/**
 * `npm run lab -- up [--scenario healthy|field-log|next-failures|bench] [--nodes N] [--id ID]`
 * `npm run lab -- down [--id ID | --all]`
 * `npm run lab -- status`
 * As root. `up` leaves the lab running (until `down`) and prints how to reach it.
 */
import { parseArgs } from 'node:util';
import { checkLabId, hubNs } from './config.ts';
import { down, downAll, status, up } from './lab.ts';
import { SCENARIOS, type ScenarioName, scenario } from './scenarios/index.ts';

const USAGE = `usage: lab up [--scenario ${SCENARIOS.join('|')}] [--nodes N] [--id ID]
       lab down [--id ID | --all]
       lab status`;

async function main(argv: string[]): Promise<number> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      scenario: { type: 'string', default: 'field-log' },
      nodes: { type: 'string' },
      id: { type: 'string', default: 'dev' },
      all: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const [command] = positionals;
  if (values.help || command === undefined) {
    process.stdout.write(`${USAGE}\n`);
    return values.help ? 0 : 2;
  }
  const id = checkLabId(values.id);
  switch (command) {
    case 'up': {
      if (!(SCENARIOS as readonly string[]).includes(values.scenario))
        throw new Error(`unknown scenario ${values.scenario}`);
      const nodes = values.nodes === undefined ? undefined : Number(values.nodes);
      if (nodes !== undefined && !(Number.isInteger(nodes) && nodes > 0))
        throw new Error(`bad --nodes ${values.nodes}`);
      const spec = scenario(values.scenario as ScenarioName, id, nodes);
      const lab = await up(spec, { persist: true, log: (line) => process.stderr.write(`${line}\n`) });
      const hosts = lab.client.hosts.map((h) => `--host ${h}`).join(' ');
      process.stdout.write(
        [
          `lab ${id} is up: scenario ${spec.scenario}, ${spec.nodes.length} nodes, hub namespace ${lab.hub}`,
          ...lab.nodes.map(
            (n) =>
              `  ${n.spec.name.padEnd(14)} ${n.spec.privateIp.padEnd(15)} ${n.spec.role.padEnd(14)} ssh=${n.spec.ssh}${n.pid ? ` pid=${n.pid}` : ''}`,
          ),
          'client files:',
          `  key ${lab.client.key}`,
          `  known_hosts ${lab.client.knownHosts}`,
          `  inventory ${lab.client.inventory}`,
          'try:',
          `  ip netns exec ${lab.hub} node build/cli/k8sdiag.mjs run -i ${lab.client.inventory} --identity ${lab.client.key} --known-hosts ${lab.client.knownHosts} --k8s-version ${spec.k8sVersion}`,
          `  ip netns exec ${lab.hub} ssh -i ${lab.client.key} -o UserKnownHostsFile=${lab.client.knownHosts} ${lab.client.hosts[0] ?? ''}`,
          `  (or: ${hosts})`,
          `take it down: npm run lab -- down --id ${id}`,
          '',
        ].join('\n'),
      );
      return 0;
    }
    case 'down': {
      const reports = values.all ? downAll() : [down(id)];
      for (const r of reports) {
        process.stdout.write(`removed ${r.namespaces.length} namespaces, stopped ${r.killed.length} processes\n`);
      }
      // After `down --id`, only that lab is judged: other labs may run beside it (K8SDIAG_LAB_SUFFIX).
      const after = status(values.all ? undefined : id);
      const scope = values.all ? 'lab status' : `lab ${id} status`;
      process.stdout.write(
        after.clean ? `${scope}: clean\n` : `${scope}: NOT clean\n${JSON.stringify(after, null, 2)}\n`,
      );
      return after.clean || !values.all ? 0 : 1;
    }
    case 'status': {
      const s = status();
      if (s.clean) {
        process.stdout.write('lab status: clean (no k8sdiag-lab namespaces, processes or directories)\n');
        return 0;
      }
      process.stdout.write(`namespaces (${s.namespaces.length}):\n${s.namespaces.map((n) => `  ${n}`).join('\n')}\n`);
      process.stdout.write(
        `processes (${s.processes.length}):\n${s.processes.map((p) => `  ${p.pid} [${p.ns}] ${p.command}`).join('\n')}\n`,
      );
      process.stdout.write(
        `directories (${s.directories.length}):\n${s.directories.map((d) => `  ${d}`).join('\n')}\n`,
      );
      process.stdout.write(`hub namespace of lab "${id}": ${hubNs(id)}\n`);
      return 1;
    }
    default:
      process.stderr.write(`${USAGE}\n`);
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`lab: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
