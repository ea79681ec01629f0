/**
 * kube-proxy runs but its rules are gone: `iptables -F` / `-t nat -F` / `-X` emptied or deleted
 * KUBE-SERVICES and the jumps to it, so Service IPs (including the API server's ClusterIP that
 * pods use) stop working until kube-proxy resyncs or restarts.
 */

import { type IptTable, iptablesRulesProbe, parseIptablesProbe } from '../probes/iptables';
import { kubeProxyProcessProbe, parseKubeProxyProcess } from '../probes/kube-proxy-process';
import { nftRulesetProbe, parseNftProbe } from '../probes/nft';
import { type CheckSpecMeta, defineCheck } from './support/define';
import { type Problem, unexpected, worstOf } from './support/findings';

const meta: CheckSpecMeta = {
  id: 'iptables-kube-chains-flushed',
  title: "kube-proxy's iptables chains are in place",
  titleKo: 'kube-proxy의 iptables 체인이 남아 있다',
  runbook: 'iptables-flush-lockout',
  severity: 'error',
  roles: ['control-plane', 'worker'],
};

const PROCESS = kubeProxyProcessProbe.name;
const FIX =
  'restart kube-proxy so it rewrites its rules: kubectl -n kube-system rollout restart daemonset kube-proxy (or delete the kube-proxy pod on this node); never flush iptables on a Kubernetes node';

function jumpsTo(table: IptTable, chain: string, target: string): boolean {
  return (table.chains.get(chain)?.rules ?? []).some((rule) => {
    const j = rule.tokens.indexOf('-j');
    return j >= 0 && rule.tokens[j + 1] === target;
  });
}

export default defineCheck({
  meta,
  probes: [iptablesRulesProbe, nftRulesetProbe, kubeProxyProcessProbe],
  analyze: ({ r, sections, open }) => {
    const processGate = open(PROCESS);
    if (!processGate.ok) return [processGate.finding];
    const proc = parseKubeProxyProcess(processGate.value.lines);
    if (!proc.ok) return [unexpected(r, PROCESS, proc.what, proc.line, proc.no)];
    const pids = proc.value;
    if (pids.length === 0) {
      return [r.skip('kube-proxy is not running on this node (not deployed yet, or replaced by the CNI)')];
    }

    const gate = open(iptablesRulesProbe.name);
    if (!gate.ok) return [gate.finding];
    const parsed = parseIptablesProbe(gate.value.lines);
    if (!parsed.ok) return [unexpected(r, iptablesRulesProbe.name, parsed.what, parsed.line, parsed.no)];

    const evidence = [`kube-proxy pid ${pids.join(', ')}`];
    const nftGate = sections[nftRulesetProbe.name] === undefined ? undefined : open(nftRulesetProbe.name);
    if (nftGate?.ok) {
      const nft = parseNftProbe(nftGate.value.lines);
      const table = nft.ok ? nft.value.tables?.find((item) => item.name === 'kube-proxy') : undefined;
      if (table) {
        const services = table.chains.get('services');
        evidence.push(`nft table ${table.family} kube-proxy: ${table.chains.size} chains`);
        if (services !== undefined || table.chains.size > 0) {
          return [r.pass(`kube-proxy uses nftables mode; table ${table.family} kube-proxy is in place`, { evidence })];
        }
      }
    }

    const withKube = parsed.value.backends.filter((backend) => {
      const nat = backend.dump?.tables.get('nat');
      return nat !== undefined && [...nat.chains.keys()].some((name) => name.startsWith('KUBE-'));
    });
    for (const backend of parsed.value.backends) {
      if (backend.dump === null) continue;
      const nat = backend.dump.tables.get('nat');
      const kube = nat ? [...nat.chains.values()].filter((chain) => chain.name.startsWith('KUBE-')) : [];
      evidence.push(`${backend.tool}: nat table ${nat ? `${kube.length} KUBE-* chains` : 'absent'}`);
    }
    if (withKube.length === 0) {
      return [
        r.fail(
          'kube-proxy is running but no backend has KUBE-* chains in the nat table: its rules were deleted (iptables -t nat -F -X?)',
          {
            evidence,
            fix: FIX,
          },
        ),
      ];
    }
    const problems: Problem[] = [];
    for (const backend of withKube) {
      const nat = backend.dump?.tables.get('nat');
      if (nat === undefined) continue;
      const services = nat.chains.get('KUBE-SERVICES');
      const name = backend.tool;
      if (services === undefined) {
        problems.push({
          status: 'fail',
          text: `${name}: nat KUBE-SERVICES is missing while other KUBE-* chains exist`,
        });
        continue;
      }
      if (services.rules.length === 0) {
        const empty = [...nat.chains.values()]
          .filter((chain) => chain.name.startsWith('KUBE-') && chain.rules.length === 0)
          .map((chain) => chain.name);
        problems.push({
          status: 'fail',
          text: `${name}: nat KUBE-SERVICES has no rules (flushed); empty: ${empty.slice(0, 8).join(', ')}${empty.length > 8 ? ', ...' : ''}`,
        });
      }
      const missingJumps = ['PREROUTING', 'OUTPUT'].filter((chain) => !jumpsTo(nat, chain, 'KUBE-SERVICES'));
      if (missingJumps.length > 0) {
        problems.push({
          status: 'fail',
          text: `${name}: nat ${missingJumps.join(' and ')} no longer jump to KUBE-SERVICES`,
        });
      }
      evidence.push(`${name}: nat KUBE-SERVICES ${services.rules.length} rules`);
    }
    const worst = worstOf(r, problems, { evidence, fix: FIX });
    if (worst) return [worst];
    return [r.pass("kube-proxy's KUBE-SERVICES chain has rules and PREROUTING/OUTPUT jump to it", { evidence })];
  },
});
