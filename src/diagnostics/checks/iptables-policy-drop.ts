/**
 * The INPUT chain drops what a Kubernetes node must accept: SSH (22), the API server (6443, on
 * control-plane nodes) and the kubelet API (10250). A policy of DROP set by a "reset the firewall"
 * script, with the ACCEPT rules flushed, cuts every node off (the field log's sixth failure).
 * Both iptables backends and native nftables base chains are judged: a packet must pass all of them.
 */

import {
  acceptsAnything,
  type BackendDump,
  iptablesRulesProbe,
  parseIptablesProbe,
  portVerdict,
} from '../probes/iptables';
import { isIptablesNftChain, nftAcceptsAnything, nftPortVerdict, nftRulesetProbe, parseNftProbe } from '../probes/nft';
import type { Role } from '../types';
import { type CheckSpecMeta, defineCheck } from './support/define';
import { type Problem, unexpected, worstOf } from './support/findings';

const meta: CheckSpecMeta = {
  id: 'iptables-policy-drop',
  title: 'The firewall lets SSH, the API server and the kubelet in',
  titleKo: '방화벽이 SSH, API 서버, kubelet으로 오는 연결을 허용한다',
  runbook: 'iptables-flush-lockout',
  severity: 'error',
  roles: ['control-plane', 'worker'],
};

const PORT_NAMES: Record<number, string> = { 22: 'SSH', 6443: 'kube-apiserver', 10250: 'kubelet API' };

export function portsFor(roles: readonly Role[]): number[] {
  return roles.includes('control-plane') ? [22, 6443, 10250] : [22, 10250];
}

const FIX =
  'from the console (vagrant ssh still works through the NAT port only if 22 is open; otherwise use the VirtualBox console or `vagrant reload`): sudo iptables -P INPUT ACCEPT; then add explicit ACCEPT rules for 22, 6443 and 10250 before setting a DROP policy, and never run iptables -F on a node with a DROP policy';

const backendName = (dump: BackendDump) => (dump.backend === 'default' ? 'iptables' : `iptables-${dump.backend}`);

export default defineCheck({
  meta,
  probes: [iptablesRulesProbe, nftRulesetProbe],
  analyze: ({ r, sections, context, open }) => {
    const gate = open(iptablesRulesProbe.name);
    if (!gate.ok) return [gate.finding];
    const parsed = parseIptablesProbe(gate.value.lines);
    if (!parsed.ok) return [unexpected(r, iptablesRulesProbe.name, parsed.what, parsed.line, parsed.no)];
    const ports = portsFor(context.roles);
    const problems: Problem[] = [];
    const evidence: string[] = [];
    let judged = 0;

    for (const backend of parsed.value.backends) {
      if (backend.dump === null) {
        if (backend.exitCode !== null) {
          evidence.push(`${backend.tool} failed (exit ${backend.exitCode}): ${backend.lines[0]?.text ?? ''}`);
        }
        continue;
      }
      const filter = backend.dump.tables.get('filter');
      if (filter === undefined) continue;
      judged++;
      const name = backendName(backend);
      const input = filter.chains.get('INPUT');
      if (input) evidence.push(`${name}: INPUT policy ${input.policy}, ${input.rules.length} rules`);
      for (const port of ports) {
        const verdict = portVerdict(filter, 'INPUT', port);
        if (verdict.kind !== 'dropped') continue;
        const by = verdict.rule
          ? `rule ${verdict.rule.text}`
          : `policy ${input?.policy ?? 'DROP'} and no ACCEPT rule for it`;
        problems.push({
          status: 'fail',
          text: `${name} INPUT drops ${PORT_NAMES[port] ?? 'port'} (tcp/${port}): ${by}`,
        });
        if (verdict.rule) evidence.push(`${name}: ${verdict.rule.text}`);
      }
      const forward = filter.chains.get('FORWARD');
      if (forward && forward.policy === 'DROP' && !acceptsAnything(filter, 'FORWARD')) {
        problems.push({
          status: 'warn',
          text: `${name} FORWARD policy is DROP and no rule accepts anything: traffic routed through this node (pods) is dropped`,
        });
      }
    }

    const nftGate = sections[nftRulesetProbe.name] === undefined ? undefined : open(nftRulesetProbe.name);
    if (nftGate?.ok) {
      const nft = parseNftProbe(nftGate.value.lines);
      if (!nft.ok) evidence.push(`(nft ruleset not judged: ${nft.what}: ${nft.line.slice(0, 80)})`);
      else if (nft.value.tables !== null) {
        for (const table of nft.value.tables) {
          for (const chain of table.chains.values()) {
            if (chain.hook === undefined || isIptablesNftChain(table, chain)) continue;
            const where = `nft ${table.family} ${table.name} chain ${chain.name}`;
            if (chain.hook === 'input') {
              judged++;
              evidence.push(`${where}: hook input, policy ${chain.policy ?? 'accept'}, ${chain.rules.length} rules`);
              for (const port of ports) {
                const verdict = nftPortVerdict(table, chain, port);
                if (verdict.kind !== 'dropped') continue;
                const by = verdict.rule
                  ? `rule ${verdict.rule.text}`
                  : `policy ${chain.policy ?? 'drop'} and no accept rule for it`;
                problems.push({
                  status: 'fail',
                  text: `${where} drops ${PORT_NAMES[port] ?? 'port'} (tcp/${port}): ${by}`,
                });
              }
            } else if (chain.hook === 'forward' && chain.policy === 'drop' && !nftAcceptsAnything(table, chain.name)) {
              problems.push({ status: 'warn', text: `${where}: forward policy drop and no rule accepts anything` });
            }
          }
        }
      }
    } else if (nftGate && !nftGate.ok) {
      evidence.push(`(nft ruleset not read: ${nftGate.finding.message})`);
    }

    const worst = worstOf(r, problems, { evidence, fix: FIX });
    if (worst) return [worst];
    if (judged === 0) {
      const ran = parsed.value.backends.some((backend) => backend.dump !== null);
      if (ran)
        return [
          r.pass('no filter rules in any iptables backend or nftables base chain: nothing is dropped', { evidence }),
        ];
      return [r.skip('neither iptables-save nor nft could be run on this node', { evidence })];
    }
    return [r.pass(`INPUT lets ${ports.map((port) => `tcp/${port}`).join(', ')} in`, { evidence })];
  },
});
