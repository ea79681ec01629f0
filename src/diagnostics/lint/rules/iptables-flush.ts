import { stringArg } from '../ansible';
import { type ShellCommand, type SimpleCommand, simpleCommand } from '../shell';
import { defineRule, type RuleReport } from '../types';
import { asBool } from '../yaml-util';

const IPTABLES = /^(?:ip6?tables)(?:-legacy|-nft)?$/;

interface IptablesCall {
  table: string;
  flush: boolean;
  deleteChain: boolean;
  chain: string | undefined;
  policy: { chain: string; target: string } | undefined;
  acceptsSsh: boolean;
}

function readIptables(simple: SimpleCommand): IptablesCall {
  const args = simple.args.map((w) => w.value);
  const call: IptablesCall = {
    table: 'filter',
    flush: false,
    deleteChain: false,
    chain: undefined,
    policy: undefined,
    acceptsSsh: false,
  };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    const next = args[i + 1];
    if (arg === '-t' || arg === '--table') {
      call.table = next ?? call.table;
      i++;
    } else if (/^-t[a-z]+$/.test(arg)) {
      call.table = arg.slice(2);
    } else if (arg === '-F' || arg === '--flush' || arg === '-X' || arg === '--delete-chain') {
      if (arg === '-F' || arg === '--flush') call.flush = true;
      else call.deleteChain = true;
      if (next !== undefined && !next.startsWith('-')) call.chain = next;
    } else if (arg === '-P' || arg === '--policy') {
      call.policy = { chain: next ?? '', target: args[i + 2] ?? '' };
      i += 2;
    } else if (/^-[A-Za-z]{2,}$/.test(arg) && !arg.startsWith('--')) {
      // Bundled short options such as -vF or -FX.
      if (arg.includes('F')) call.flush = true;
      if (arg.includes('X')) call.deleteChain = true;
    }
  }
  const line = args.join(' ');
  call.acceptsSsh =
    /(?:^|\s)-[AI]\s+INPUT\b/.test(line) &&
    /--dports?\s+(?:\S*,)?(?:22|ssh)\b/.test(line) &&
    /-j\s+ACCEPT\b/.test(line);
  return call;
}

function describe(call: IptablesCall): { message: string; severity?: 'warning' } | undefined {
  const chain = call.chain === undefined ? '' : ` ${call.chain}`;
  if (call.flush || call.deleteChain) {
    if (call.table === 'filter') {
      return {
        message: call.flush
          ? `iptables -F${chain} deletes the filter rules, the ones that let SSH and cluster traffic in; under a DROP policy the node is cut off, and kube-proxy/CNI rules are gone. Delete the one rule you mean (-D)`
          : `iptables -X${chain} deletes user-defined chains (KUBE-*, CNI, DOCKER): kube-proxy and the CNI lose their rules on a running node. Delete the one rule you mean (-D)`,
      };
    }
    return {
      severity: 'warning',
      message: `iptables -t ${call.table} ${call.flush ? '-F' : '-X'}${chain} removes kube-proxy, CNI and Docker NAT rules on a running node; delete the one rule you mean (-D)`,
    };
  }
  if (
    call.policy !== undefined &&
    ['INPUT', 'OUTPUT'].includes(call.policy.chain) &&
    ['DROP', 'REJECT'].includes(call.policy.target)
  ) {
    return {
      message: `iptables -P ${call.policy.chain} ${call.policy.target} with no earlier rule accepting SSH (tcp/22) cuts this session and every later one`,
    };
  }
  return undefined;
}

/** Commands that may sit inside a block of firewall commands without ending it. */
const BLOCK_FILLER = new Set([
  'echo',
  'printf',
  'true',
  'sleep',
  'iptables-save',
  'ip6tables-save',
  'modprobe',
  'ipvsadm',
]);

interface Block {
  command: ShellCommand;
  start: number;
  found: { message: string; severity?: 'warning' | undefined };
  more: string[];
  /** Offsets of the other commands in the block, and the line of the last one. */
  offsets: number[];
  lastLine: number;
  afterReset: boolean;
  remote: boolean;
}

function shortForm(call: IptablesCall): string {
  const table = call.table === 'filter' ? '' : `-t ${call.table} `;
  if (call.flush) return `${table}-F`;
  if (call.deleteChain) return `${table}-X`;
  return call.policy === undefined ? '' : `-P ${call.policy.chain} ${call.policy.target}`;
}

/** One finding for a run of firewall commands: the first one, naming the others. */
function blockReport(block: Block): RuleReport {
  const more = block.more.length === 0 ? '' : ` (this block also runs ${block.more.join(', ')})`;
  const where = block.remote ? ' on another node (over ssh)' : '';
  if (block.afterReset) {
    return {
      start: block.start,
      end: block.command.end,
      severity: 'info',
      also: block.offsets,
      message: `firewall flush right after kubeadm reset${where}${more}: this is what kubeadm reset itself tells you to do (it does not clean up iptables rules), fine on a node being rebuilt; it still drops the rule that lets SSH in under a DROP policy, so run it from the console or keep an SSH accept rule`,
    };
  }
  return {
    start: block.start,
    end: block.command.end,
    message: `${block.found.message}${where}${more}`,
    ...(block.found.severity ? { severity: block.found.severity } : {}),
    also: block.offsets,
  };
}

export default defineRule({
  meta: {
    id: 'iptables-flush',
    title: 'iptables flush, chain deletion or DROP policy',
    severity: 'error',
    runbook: 'iptables-flush-lockout',
    kinds: ['playbook', 'tasks', 'shell', 'vagrantfile', 'template'],
    description:
      '`iptables -F` / `--flush`, `-X` / `--delete-chain`, `-P INPUT DROP` without an earlier SSH accept rule, and ' +
      '`nft flush ruleset`, in scripts, shell/command tasks and Vagrant provisioners; the ansible iptables module ' +
      'with `flush: true` or `policy: DROP` on INPUT. A "network reset" script with these lines cut SSH to every node ' +
      'in the field log. Flushing the nat/mangle tables is reported as a warning (it breaks Services, not SSH).',
  },
  check(file) {
    const reports: RuleReport[] = [];
    let block: Block | undefined;
    const flush = (): void => {
      if (block !== undefined) reports.push(blockReport(block));
      block = undefined;
    };
    let previousTask: number | undefined;
    for (const body of [...file.shell].sort((a, b) => a.start - b.start)) {
      let sshAccepted = false;
      // Consecutive shell tasks of one flush block (task N: iptables -F, task N+1: iptables -t nat -F) stay one block.
      const order = body.task?.order;
      const continues =
        block !== undefined && order !== undefined && previousTask !== undefined && order === previousTask + 1;
      if (!continues) flush();
      previousTask = order;
      const recent: string[] = [];
      for (const command of body.commands) {
        const simple = simpleCommand(command);
        if (simple === undefined) continue;
        const name = simple.name;
        let found: { message: string; severity?: 'warning' } | undefined;
        let what = '';
        if (name === 'nft') {
          const args = simple.args.map((w) => w.value);
          if (args[0] === 'flush' && args[1] === 'ruleset') {
            found = {
              message:
                'nft flush ruleset removes every firewall rule (iptables-nft ones included): SSH and cluster traffic rules go with it',
            };
            what = 'nft flush ruleset';
          }
        } else if (IPTABLES.test(name)) {
          const call = readIptables(simple);
          if (call.acceptsSsh) sshAccepted = true;
          if (!(call.policy !== undefined && !call.flush && !call.deleteChain && sshAccepted)) {
            found = describe(call);
            what = shortForm(call);
          }
        } else if (!BLOCK_FILLER.has(name)) {
          flush();
        }
        if (found !== undefined) {
          const line = file.lines.at(simple.nameWord.start).line;
          // A blank or comment line between two commands ends the block.
          if (block !== undefined && line > block.lastLine + 1 && !continues) flush();
          if (block === undefined) {
            const afterReset = recent.slice(-3).includes('kubeadm reset');
            block = {
              command,
              start: simple.nameWord.start,
              found,
              more: [],
              offsets: [],
              lastLine: line,
              afterReset,
              remote: command.nested?.remote === true || simple.wrappers.includes('ssh'),
            };
          } else {
            block.more.push(what);
            block.offsets.push(simple.nameWord.start);
            block.lastLine = line;
            if (found.severity === undefined) block.found = { ...block.found, severity: undefined } as Block['found'];
          }
        }
        recent.push(name === 'kubeadm' && simple.args[0]?.value === 'reset' ? 'kubeadm reset' : name);
      }
    }
    flush();
    let sshTask = false;
    let lastFlushTask: number | undefined;
    for (const task of [...file.tasks].sort((a, b) => a.order - b.order)) {
      if (task.module !== 'iptables') continue;
      const chain = stringArg(task, 'chain');
      const port = stringArg(task, 'destination_port') ?? stringArg(task, 'destination_ports');
      if (chain === 'INPUT' && stringArg(task, 'jump') === 'ACCEPT' && /\b(22|ssh)\b/.test(port ?? '')) sshTask = true;
      const start = task.moduleKey?.range?.[0] ?? task.start;
      const end = task.moduleKey?.range?.[1] ?? task.end;
      const flushes = asBool(task.args.get('flush')?.value) === true;
      // Consecutive flush tasks (filter, then nat, ...) are one block: reported once, at the first.
      const sameBlock = flushes && lastFlushTask !== undefined && task.order === lastFlushTask + 1;
      if (flushes) lastFlushTask = task.order;
      if (flushes && !sameBlock) {
        const table = stringArg(task, 'table') ?? 'filter';
        reports.push({
          start,
          end,
          ...(table === 'filter' ? {} : { severity: 'warning' as const }),
          message: `iptables module with flush: true empties the ${table} table${chain === undefined ? '' : ` chain ${chain}`}: the rules that let SSH and the cluster in go with it`,
        });
      }
      const policy = stringArg(task, 'policy');
      if ((policy === 'DROP' || policy === 'REJECT') && (chain === 'INPUT' || chain === 'OUTPUT') && !sshTask) {
        reports.push({
          start,
          end,
          message: `iptables module sets policy ${policy} on ${chain} with no earlier task accepting SSH (tcp/22): the node becomes unreachable`,
        });
      }
    }
    return reports;
  },
});
