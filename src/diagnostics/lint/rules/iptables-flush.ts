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
    const report = (command: ShellCommand, start: number, found: { message: string; severity?: 'warning' }): void => {
      reports.push({
        start,
        end: command.end,
        message: found.message,
        ...(found.severity ? { severity: found.severity } : {}),
      });
    };
    for (const body of file.shell) {
      let sshAccepted = false;
      for (const command of body.commands) {
        const simple = simpleCommand(command);
        if (simple === undefined) continue;
        if (simple.name === 'nft') {
          const args = simple.args.map((w) => w.value);
          if (args[0] === 'flush' && args[1] === 'ruleset') {
            report(command, simple.nameWord.start, {
              message:
                'nft flush ruleset removes every firewall rule (iptables-nft ones included): SSH and cluster traffic rules go with it',
            });
          }
          continue;
        }
        if (!IPTABLES.test(simple.name)) continue;
        const call = readIptables(simple);
        if (call.acceptsSsh) sshAccepted = true;
        if (call.policy !== undefined && !call.flush && !call.deleteChain && sshAccepted) continue;
        const found = describe(call);
        if (found !== undefined) report(command, simple.nameWord.start, found);
      }
    }
    let sshTask = false;
    for (const task of [...file.tasks].sort((a, b) => a.order - b.order)) {
      if (task.module !== 'iptables') continue;
      const chain = stringArg(task, 'chain');
      const port = stringArg(task, 'destination_port') ?? stringArg(task, 'destination_ports');
      if (chain === 'INPUT' && stringArg(task, 'jump') === 'ACCEPT' && /\b(22|ssh)\b/.test(port ?? '')) sshTask = true;
      const start = task.moduleKey?.range?.[0] ?? task.start;
      const end = task.moduleKey?.range?.[1] ?? task.end;
      if (asBool(task.args.get('flush')?.value) === true) {
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
