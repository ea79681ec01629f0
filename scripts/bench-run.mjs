// npm run bench [-- --sizes 10,50,200 --runs 5 --large-runs 3 --tools k8sdiag,pssh,ansible --no-record]
//                [--warm-ups N]       untimed warm-up rounds below N=200 (default 1)
//                [--old-script FILE]  adds pssh-old and ansible-old: the same engines running FILE (the
//                                     probe script before issue 16) instead of today's script
//
// Beside time and CPU, every run counts the tasks (processes and threads) each node started: each
// node is its own PID namespace, whose PIDs are handed out in sequence, so ns_last_pid read before and
// after the run (test/lab/measure.ts nodeLastPid) gives an exact count. `floor` is the connection
// floor: `ssh node true` on every node (parallel-ssh), the least any SSH-based tool can cost a node.
//
// The fleet benchmark (not a test): for each N, a lab of N nodes (real sshd in network namespaces,
// see test/lab/README.md), then the same probe script (`k8sdiag probe-script`) run on every node by
// `k8sdiag run`, by parallel-ssh (Debian pssh, -p N) and by Ansible ad-hoc (-m shell, forks = N),
// interleaved run by run. Reports medians of wall time, client CPU seconds per node (the client's
// whole process tree, from /usr/bin/time) and peak client memory (summed PSS of the tree, sampled),
// plus the servers' CPU (every node's sshd with all its children), prints a table and appends it with
// the date to docs/benchmarks.md. Needs root. Tears every lab down, also on Ctrl-C.
import { execFileSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { REPO_ROOT } from '../test/lab/assets.ts';
import { labId } from '../test/lab/config.ts';
import { CLI } from '../test/lab/guard.ts';
import { down, up } from '../test/lab/lab.ts';
import { cpuSecondsOf, measure, nodeInitPid, nodeLastPid, pidsMentioning, tasksBetween } from '../test/lab/measure.ts';
import { bench } from '../test/lab/scenarios/index.ts';

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '10,50,200' },
    runs: { type: 'string', default: '5' },
    'large-runs': { type: 'string', default: '3' },
    tools: { type: 'string', default: 'k8sdiag,pssh,ansible' },
    'no-record': { type: 'boolean', default: false },
    'old-script': { type: 'string' },
    'warm-ups': { type: 'string', default: '1' },
  },
});
const sizes = values.sizes.split(',').map(Number);
const tools = values.tools.split(',');
if (values['old-script']) tools.push('pssh-old', 'ansible-old');
tools.push('floor');
const OLD_SCRIPT = values['old-script'] ? readFileSync(values['old-script'], 'utf8') : undefined;
const LAB_ID = labId('bench');
/** The probe script's last marker: the node ran it to the end. */
const END = /^@@K8SDIAG [0-9a-f]+ Z$/m;

/** Per-run deadline: generous, a stuck client must not stall the benchmark. */
const deadlineMs = (n) => 120_000 + n * 3_000;

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const TICK = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());

/** CPU seconds consumed so far by every node's sshd listener (PID 1 of the node) and everything it reaped. */
function serverCpuSeconds(lab) {
  let total = 0;
  for (const node of lab.nodes) {
    if (node.pid === undefined) continue;
    try {
      const init = Number(readFileSync(`/proc/${node.pid}/task/${node.pid}/children`, 'utf8').trim().split(/\s+/)[0]);
      total += cpuSecondsOf(init, TICK);
    } catch {
      // node gone
    }
  }
  return total;
}

function commandFor(tool, lab, n, probe, workDir) {
  const c = lab.client;
  switch (tool) {
    case 'k8sdiag':
      return {
        argv: [
          process.execPath,
          CLI,
          'run',
          '-i',
          c.inventory,
          // k8sdiag's own INI reader: with `auto` it would start ansible-inventory (a Python process,
          // about 0.9 s of CPU) to read a file this simple; pssh and Ansible read theirs themselves too.
          '--inventory-parser',
          'static',
          '--identity',
          c.key,
          '--known-hosts',
          c.knownHosts,
          '--format',
          'json',
        ],
        count: (m) => {
          const report = JSON.parse(m.stdout);
          return report.nodes.filter((node) => node.status === 'ok').length;
        },
      };
    case 'floor':
    case 'pssh':
    case 'pssh-old': {
      const floor = tool === 'floor';
      const out = join(workDir, `pssh-${Date.now()}`);
      return {
        argv: [
          'parallel-ssh',
          '-h',
          c.psshHosts,
          '-p',
          String(n),
          '-t',
          '300',
          '-o',
          out,
          '-x',
          `-F ${c.sshConfig}`,
          ...(floor ? ['true'] : ['-I', 'sh -s']),
        ],
        input: floor ? '' : tool === 'pssh-old' ? OLD_SCRIPT : probe,
        count: (m) => {
          const ok = floor
            ? (m.stdout.match(/\[SUCCESS\]/g) ?? []).length
            : readdirSync(out).filter((f) => END.test(readFileSync(join(out, f), 'utf8'))).length;
          rmSync(out, { recursive: true, force: true });
          return ok;
        },
      };
    }
    case 'ansible':
    case 'ansible-old':
    case 'ansible-tuned': {
      const tree = join(workDir, `ansible-${Date.now()}`);
      // Ansible as shipped: no pipelining (several SSH commands per host: tmp dir, put, run, clean
      // up), multiplexed over one ControlMaster per host that persists 60 s. The masters fork into
      // the background, out of the measured process tree: they get a fresh ControlPath directory per
      // run, their memory is sampled with the tree, their CPU is added at the end, then they are stopped.
      // `ansible-tuned`: pipelining on (one SSH command per host) and no master at all.
      const controlDir = join(workDir, `cp${Date.now() % 1e9}`);
      mkdirSync(controlDir, { recursive: true });
      const env = {
        ...process.env,
        ANSIBLE_HOST_KEY_CHECKING: 'True',
        ANSIBLE_LOCAL_TEMP: join(workDir, 'ansible-tmp'),
        ANSIBLE_SSH_CONTROL_PATH_DIR: controlDir,
        ...(tool === 'ansible-tuned'
          ? { ANSIBLE_PIPELINING: 'True', ANSIBLE_SSH_ARGS: '-o ControlMaster=no -o ControlPersist=no' }
          : {}),
      };
      return {
        argv: [
          'ansible',
          'all',
          '-i',
          c.inventory,
          '-m',
          'shell',
          '-a',
          tool === 'ansible-old' ? OLD_SCRIPT : probe,
          '-f',
          String(n),
          '-t',
          tree,
        ],
        env,
        detached: controlDir,
        count: () => {
          const ok = readdirSync(tree).filter((f) => {
            const result = JSON.parse(readFileSync(join(tree, f), 'utf8'));
            return result.rc === 0 && END.test(String(result.stdout));
          }).length;
          rmSync(tree, { recursive: true, force: true });
          return ok;
        },
      };
    }
    default:
      throw new Error(`unknown tool ${tool}`);
  }
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};

const results = [];
for (const n of sizes) {
  const runs = n >= 200 ? Number(values['large-runs']) : Number(values.runs);
  process.stderr.write(`\n== N=${n}: bringing up ${n} nodes\n`);
  const lab = await up(bench(LAB_ID, n), { log: (line) => process.stderr.write(`${line}\n`) });
  const workDir = join(lab.dir, 'bench');
  mkdirSync(workDir, { recursive: true });
  try {
    const probe = execFileSync(process.execPath, [CLI, 'probe-script'], { encoding: 'utf8' });
    writeFileSync(join(workDir, 'probe.sh'), probe);
    const samples = new Map(tools.map((t) => [t, []]));
    // One untimed warm-up per tool (page cache, Python bytecode), except at the largest size.
    const warm = n < 200 ? Number(values['warm-ups']) : 0;
    for (let r = -warm; r < runs; r += 1) {
      for (const tool of tools) {
        const cmd = commandFor(tool, lab, n, probe, workDir);
        const inits = lab.nodes.map((node) => (node.pid === undefined ? undefined : nodeInitPid(node.pid)));
        const pids0 = inits.map((pid) => (pid === undefined ? undefined : nodeLastPid(pid)));
        const server0 = serverCpuSeconds(lab);
        const m = await measure(lab.hub, cmd.argv, {
          input: cmd.input ?? '',
          env: cmd.env ?? process.env,
          deadlineMs: deadlineMs(n),
          ...(cmd.detached ? { detached: cmd.detached } : {}),
        });
        if (cmd.detached) {
          // Processes that left the tree (ssh masters): count their CPU, then stop them.
          const left = pidsMentioning(cmd.detached);
          m.cpuSeconds += left.reduce((sum, pid) => sum + cpuSecondsOf(pid, TICK), 0);
          for (const pid of left) {
            try {
              process.kill(pid, 'SIGTERM');
            } catch {
              // gone
            }
          }
          // Let the nodes' side of those connections end and be reaped before reading server CPU.
          const until = Date.now() + 5000;
          while (Date.now() < until && left.some((pid) => existsSync(`/proc/${pid}`))) await sleep(50);
          await sleep(500);
        }
        const serverCpu = serverCpuSeconds(lab) - server0;
        const pids1 = inits.map((pid) => (pid === undefined ? undefined : nodeLastPid(pid)));
        const counted = pids0.flatMap((p0, i) =>
          p0 === undefined || pids1[i] === undefined ? [] : [tasksBetween(p0, pids1[i])],
        );
        const tasksPerNode = counted.reduce((a, b) => a + b, 0) / Math.max(1, counted.length);
        let ok = 0;
        try {
          ok = cmd.count(m);
        } catch (error) {
          process.stderr.write(`   ${tool}: could not read its results: ${error.message}\n${m.stderr.slice(0, 500)}\n`);
        }
        const line = `${tool.padEnd(13)} N=${n} run ${r < 0 ? 'warm-up' : r + 1}: ${m.wallSeconds.toFixed(2)} s wall, ${m.cpuSeconds.toFixed(2)} s CPU, ${m.peakPssMiB.toFixed(0)} MiB PSS, server ${serverCpu.toFixed(1)} s CPU, ${tasksPerNode.toFixed(1)} tasks/node, ${ok}/${n} ok, exit ${m.exitCode}`;
        process.stderr.write(`   ${line}\n`);
        // The machine is shared: the 1-minute load average at the end of each run goes beside the figures.
        const load = loadavg()[0];
        process.stderr.write(`   ${' '.repeat(13)} load average ${load.toFixed(2)}\n`);
        if (r >= 0) samples.get(tool).push({ ...m, ok, serverCpu, tasksPerNode, load });
      }
    }
    for (const tool of tools) {
      const s = samples.get(tool);
      results.push({
        n,
        tool,
        runs: s.length,
        wall: median(s.map((x) => x.wallSeconds)),
        cpuPerNode: median(s.map((x) => x.cpuSeconds)) / n,
        peakPss: median(s.map((x) => x.peakPssMiB)),
        maxRss: median(s.map((x) => x.maxRssMiB)),
        serverCpu: median(s.map((x) => x.serverCpu)),
        tasksPerNode: median(s.map((x) => x.tasksPerNode)),
        okMin: Math.min(...s.map((x) => x.ok)),
        loadMin: Math.min(...s.map((x) => x.load)),
        loadMax: Math.max(...s.map((x) => x.load)),
      });
    }
  } finally {
    down(LAB_ID);
  }
}

// ---- report
const get = (n, tool) => results.find((r) => r.n === n && r.tool === tool);
const rows = [
  '| N | tool | wall s (median) | vs k8sdiag | client CPU s / node | peak client memory MiB (PSS sum) | largest process RSS MiB | server CPU s | node CPU s / node | vs floor | tasks / node | nodes ok (worst run) | runs | load average (1 min, min-max of the runs) |',
  '| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
];
for (const r of results) {
  const base = get(r.n, 'k8sdiag');
  const ratio = base ? `${(r.wall / base.wall).toFixed(2)}x` : '';
  const floor = get(r.n, 'floor');
  const vsFloor = floor && floor.serverCpu > 0 ? `${(r.serverCpu / floor.serverCpu).toFixed(1)}x` : '';
  rows.push(
    `| ${r.n} | ${r.tool} | ${r.wall.toFixed(2)} | ${ratio} | ${r.cpuPerNode.toFixed(4)} | ${r.peakPss.toFixed(1)} | ${r.maxRss.toFixed(1)} | ${r.serverCpu.toFixed(1)} | ${(r.serverCpu / r.n).toFixed(3)} | ${vsFloor} | ${r.tasksPerNode.toFixed(1)} | ${r.okMin}/${r.n} | ${r.runs} | ${r.loadMin.toFixed(1)}-${r.loadMax.toFixed(1)} |`,
  );
}
const verdicts = [];
const check = (label, ok, detail) => verdicts.push(`- ${ok ? 'met' : '**missed**'}: ${label} (${detail})`);
for (const n of [50, 200]) {
  const k = get(n, 'k8sdiag');
  const p = get(n, 'pssh');
  if (k && p)
    check(
      `k8sdiag wall time no worse than parallel-ssh at N=${n}`,
      k.wall <= p.wall,
      `${k.wall.toFixed(2)} s vs ${p.wall.toFixed(2)} s`,
    );
}
for (const n of sizes) {
  const k = get(n, 'k8sdiag');
  const f = get(n, 'floor');
  const old = get(n, 'pssh-old');
  if (k && old)
    check(
      `node tasks per run cut at least 4x at N=${n}`,
      old.tasksPerNode / k.tasksPerNode >= 4,
      `${old.tasksPerNode.toFixed(1)} -> ${k.tasksPerNode.toFixed(1)}, ${(old.tasksPerNode / k.tasksPerNode).toFixed(2)}x`,
    );
  if (k && f) {
    const perNode = k.serverCpu / n;
    check(
      `node CPU per node <= 0.5 s and <= 3x the connection floor at N=${n}`,
      perNode <= 0.5 && k.serverCpu <= 3 * f.serverCpu,
      `${perNode.toFixed(3)} s/node, floor ${(f.serverCpu / n).toFixed(3)} s/node, ${(k.serverCpu / f.serverCpu).toFixed(1)}x`,
    );
  }
  if (k && old && n === 50)
    check(
      `k8sdiag wall <= 0.5x parallel-ssh running the old script at N=${n}`,
      k.wall <= 0.5 * old.wall,
      `${k.wall.toFixed(2)} s vs ${old.wall.toFixed(2)} s, ${(k.wall / old.wall).toFixed(2)}x`,
    );
}
{
  const k = get(50, 'k8sdiag');
  const a = get(50, 'ansible');
  if (k && a)
    check('k8sdiag at least 5x faster than Ansible at N=50', a.wall / k.wall >= 5, `${(a.wall / k.wall).toFixed(1)}x`);
}
for (const n of sizes) {
  const k = get(n, 'k8sdiag');
  const p = get(n, 'pssh');
  if (k && p) {
    check(
      `k8sdiag client CPU per node at most half of parallel-ssh's at N=${n}`,
      k.cpuPerNode <= p.cpuPerNode / 2,
      `${k.cpuPerNode.toFixed(4)} vs ${p.cpuPerNode.toFixed(4)} s/node, ratio ${(k.cpuPerNode / p.cpuPerNode).toFixed(2)}`,
    );
  }
}
{
  const k = get(200, 'k8sdiag');
  // k8sdiag is one process: its RSS peak (exact, from the kernel) is the stricter number; PSS shares
  // the node binary's pages with every other Node.js process on the machine.
  const peak = k ? Math.max(k.peakPss, k.maxRss) * 1.048576 : 0;
  if (k) {
    check(
      'k8sdiag client peak memory under 300 MB at N=200',
      peak < 300,
      `${peak.toFixed(0)} MB (RSS ${k.maxRss.toFixed(1)} MiB, PSS ${k.peakPss.toFixed(1)} MiB)`,
    );
  }
}

const versions = (cmd, args) => {
  try {
    return execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })
      .split('\n')[0]
      .trim();
  } catch (error) {
    return `${cmd}: ${error.message}`;
  }
};
const sshVersion = execFileSync('sh', ['-c', 'ssh -V 2>&1'], { encoding: 'utf8' }).trim();
const machine = `${cpus().length} x ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Linux ${versions('uname', ['-r'])}`;
const section = [
  `## ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC`,
  '',
  `Machine: ${machine}. Node ${process.version}; ${sshVersion}; ${versions('parallel-ssh', ['--version'])} (parallel-ssh); ${versions('ansible', ['--version'])}.`,
  `Sizes ${sizes.join(', ')}; ${values.runs} timed runs each (${values['large-runs']} at N=200), tools interleaved run by run${sizes.some((n) => n < 200) ? `, ${values['warm-ups']} untimed warm-up round(s) per tool below N=200` : ''}.`,
  '',
  ...rows,
  '',
  'Targets:',
  ...verdicts,
  '',
].join('\n');
process.stdout.write(`\n${section}\n`);
if (!values['no-record']) {
  appendFileSync(join(REPO_ROOT, 'docs/benchmarks.md'), `\n${section}`);
  process.stderr.write('recorded in docs/benchmarks.md\n');
}
