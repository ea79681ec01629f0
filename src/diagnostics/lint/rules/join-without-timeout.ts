import { isScalar } from 'yaml';
import { indirectJoin } from '../dataflow';
import { simpleCommand } from '../shell';
import { defineRule, type RuleContext, type RuleReport, type ShellBody } from '../types';

const FIX_TASK = 'add the task keyword timeout: 600, or async: 600 with poll: 10';
const FIX_SCRIPT = 'run it as "timeout 600 kubeadm join ..."';

function joinReports(body: ShellBody, ctx: RuleContext, reports: RuleReport[]): void {
  const task = body.task;
  if (task !== undefined && (task.keywords.has('async') || task.keywords.has('timeout'))) return;
  for (const command of body.commands) {
    const simple = simpleCommand(command);
    if (simple === undefined || simple.timeout !== undefined) continue;
    const first = simple.nameWord;
    const isJoin = simple.name === 'kubeadm' && simple.args[0]?.value === 'join';
    // shell: "{{ join_command.stdout }}" : the join command registered from kubeadm token create.
    const isTemplatedJoin = first.value.startsWith('{{') && /join/i.test(first.value);
    // The join command saved by one step and run by a later one: sh /tmp/join.sh, $JOIN_CMD, ...
    const indirect = isJoin || isTemplatedJoin ? undefined : indirectJoin(command, ctx.facts.joinScripts);
    if (isJoin || isTemplatedJoin || indirect !== undefined) {
      const what = isJoin ? 'kubeadm join' : (indirect ?? first.value);
      reports.push({
        start: first.start,
        end: command.end,
        message: `${what}${indirect === undefined ? '' : ' (the saved kubeadm join command)'} runs with no time limit: if the API server address is wrong or unreachable it waits silently and the ${
          task === undefined ? 'provisioner' : 'play'
        } hangs; ${task === undefined ? FIX_SCRIPT : FIX_TASK}`,
      });
      continue;
    }
    if (simple.name === 'kubectl' && simple.args[0]?.value === 'wait') {
      const words = simple.args.map((w) => w.value);
      const index = words.findIndex((w) => w.startsWith('--timeout'));
      const value =
        index < 0 ? undefined : words[index]?.includes('=') ? words[index]?.split('=')[1] : words[index + 1];
      if (value?.startsWith('-')) {
        reports.push({
          start: first.start,
          end: command.end,
          message: `kubectl wait --timeout=${value}: a negative timeout waits a week; give it a bound such as --timeout=300s`,
        });
      }
    }
  }
}

/** A file name with its interpolations (#{x}, ${X}, $X) as wildcards. */
const namePattern = (name: string): RegExp =>
  new RegExp(
    `^${name
      .split(/#\{[^}]*\}|\$\{[^}]*\}|\$[A-Za-z_]\w*/)
      .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*')}$`,
  );

/**
 * The saved join command fed to another machine: `cat kubeadm-join | xargs -I {} vagrant ssh w1 -c "sudo {}"`
 * (a file written from --print-join-command or named for joining), with no timeout in the xargs command.
 */
function xargsJoinReports(body: ShellBody, ctx: RuleContext, reports: RuleReport[]): void {
  body.commands.forEach((command, i) => {
    const simple = simpleCommand(command);
    if (simple?.name !== 'xargs' || command.piped !== true) return;
    const words = simple.args.map((w) => w.value);
    const ssh = words.findIndex((w, k) => w === 'vagrant' && words[k + 1] === 'ssh');
    if (ssh < 0 || words.some((w) => /\btimeout\b/.test(w))) return;
    const previous = body.commands[i - 1];
    const cat = previous === undefined ? undefined : simpleCommand(previous);
    const file = cat?.name === 'cat' ? cat.args.find((w) => !w.value.startsWith('-'))?.value : undefined;
    if (previous === undefined || cat === undefined || file === undefined) return;
    const base = file.slice(file.lastIndexOf('/') + 1);
    if (!savedJoin(base, ctx.facts.joinScripts) && (!/join/i.test(base) || VARIABLES_FILE.test(base))) return;
    reports.push({
      start: cat.nameWord.start,
      end: command.end,
      message: `${file} (the saved kubeadm join command) runs on another machine through xargs vagrant ssh with no time limit: if the API server address is wrong or unreachable it waits silently and the script hangs; ${FIX_SCRIPT}`,
    });
  });
}

/** A shell that runs what it reads on stdin: `source /dev/stdin`, `. /dev/stdin`, `bash`, `sh -s`. */
function runsStdin(command: ShellBody['commands'][number]): boolean {
  const simple = simpleCommand(command);
  if (simple === undefined || command.piped !== true || simple.timeout !== undefined) return false;
  const args = simple.args.map((w) => w.value);
  if (simple.name === 'source' || simple.nameWord.value === '.') return args[0] === '/dev/stdin';
  return ['bash', 'sh'].includes(simple.name) && args.every((a) => a === '-s' || a === '-e' || a === '-x');
}

/**
 * The join command cut from kubeadm init's saved output and run by a shell reading the pipe:
 * `cat /vagrant/kubeadm.log | sed -n -e '/kubeadm join /p' ... | source /dev/stdin`.
 */
function stdinJoinReports(body: ShellBody, reports: RuleReport[]): void {
  body.commands.forEach((command, i) => {
    if (!runsStdin(command)) return;
    let first = i;
    while (first > 0 && body.commands[first]?.piped === true) first--;
    const chain = body.commands.slice(first, i);
    if (!chain.some((c) => c.words.some((w) => /kubeadm join/.test(w.value)))) return;
    if (chain.some((c) => simpleCommand(c)?.timeout !== undefined)) return;
    const start = chain[0]?.start ?? command.start;
    reports.push({
      start,
      end: command.end,
      message: `the saved kubeadm join command is piped into a shell with no time limit: if the API server address is wrong or unreachable it waits silently and the provisioner hangs; ${FIX_SCRIPT}`,
    });
  });
}

/** A file named for holding variables (sourcing it runs no join). */
const VARIABLES_FILE = /\.(?:env|vars|conf|cfg|ini|properties|json|ya?ml)$/i;

/** The script of an Ansible script task: the free-form string's first word, or `cmd:`. */
function scriptModulePath(moduleValue: unknown, cmd: unknown): string | undefined {
  const text = typeof moduleValue === 'string' ? moduleValue : typeof cmd === 'string' ? cmd : undefined;
  const first = text?.trim().split(/\s+/)[0];
  return first === undefined || first === '' || first.includes('=') ? undefined : first;
}

/** Whether a script name is a file written from --print-join-command (names may be interpolated). */
function savedJoin(base: string, written: ReadonlySet<string>): boolean {
  if (written.has(base)) return true;
  const mine = namePattern(base);
  return [...written].some((w) => mine.test(w) || namePattern(w).test(base));
}

export default defineRule({
  meta: {
    id: 'join-without-timeout',
    title: 'kubeadm join without a time limit',
    severity: 'warning',
    runbook: 'kubeadm-join-hangs',
    kinds: ['playbook', 'tasks', 'shell', 'vagrantfile', 'template'],
    description:
      'A shell/command task that runs `kubeadm join` (or a registered join command such as ' +
      '`{{ join_command.stdout }}`) without the `timeout:` task keyword or `async:`, and `kubeadm join` in a script ' +
      'not run under `timeout`. The join is also found where it was saved and run later: a script written from ' +
      '`kubeadm token create --print-join-command` (or named for joining) run with sh/bash/source/./ or by its path ' +
      "(`sudo $DIR/kubeadm-join.sh`), by Ansible's script module or a Vagrant provisioner, and a " +
      'variable holding it (`$JOIN_CMD`, `eval "$join"`, `multipass exec ... $join_command`). When the control-plane address is wrong (NAT address, firewall) the join waits with no ' +
      'output and the play hangs. Also `kubectl wait` with a negative --timeout (a week).',
  },
  check(file, ctx) {
    const reports: RuleReport[] = [];
    for (const body of file.shell) {
      joinReports(body, ctx, reports);
      xargsJoinReports(body, ctx, reports);
      stdinJoinReports(body, reports);
    }
    // Ansible's script module running the saved join file: `script: /tmp/kubeadm_join.sh` or `cmd:`.
    for (const task of file.tasks) {
      if (task.module !== 'script' || task.keywords.has('async') || task.keywords.has('timeout')) continue;
      const cmd = task.args.get('cmd');
      const free = isScalar(task.moduleValue) ? task.moduleValue : undefined;
      const path = scriptModulePath(free?.value, cmd?.value);
      if (path === undefined) continue;
      const base = path.slice(path.lastIndexOf('/') + 1);
      if (!savedJoin(base, ctx.facts.joinScripts) && !/join/i.test(base)) continue;
      if (VARIABLES_FILE.test(base)) continue;
      reports.push({
        start: cmd?.start ?? free?.range?.[0] ?? task.start,
        end: cmd?.end ?? free?.range?.[1] ?? task.end,
        message: `the script module runs ${path} (the saved kubeadm join command) with no time limit: if the API server address is wrong or unreachable it waits silently and the play hangs; ${FIX_TASK}`,
      });
    }
    // A Vagrant shell provisioner whose script is the saved join command (or named for joining).
    for (const script of file.vagrant?.scripts ?? []) {
      const base = script.path.slice(script.path.lastIndexOf('/') + 1);
      if (!savedJoin(base, ctx.facts.joinScripts)) continue;
      reports.push({
        start: script.start,
        end: script.end,
        message: `the provisioner runs ${script.path} (the saved kubeadm join command) with no time limit: if the API server address is wrong or unreachable it waits silently and vagrant up hangs; run it as "timeout 600 sh ${script.path}" from an inline provisioner, or add --timeout handling inside the script`,
      });
    }
    return reports;
  },
});
