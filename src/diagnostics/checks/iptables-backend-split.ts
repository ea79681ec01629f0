/**
 * Rules in both iptables backends. iptables-legacy and iptables-nft keep separate rule sets and
 * the kernel applies both, but `iptables -L` shows only one of them: a node can drop traffic by
 * rules that the admin never sees (and a flush with one tool leaves the other's rules in place).
 */

import {
  type BackendDump,
  defaultBackend,
  hasContent,
  iptablesRulesProbe,
  parseIptablesProbe,
  ruleCount,
} from '../probes/iptables';
import { type CheckSpecMeta, defineCheck } from './support/define';
import { unexpected } from './support/findings';

const meta: CheckSpecMeta = {
  id: 'iptables-backend-split',
  title: 'iptables rules live in one backend',
  titleKo: 'iptables 규칙이 한 백엔드에만 있다',
  runbook: 'iptables-flush-lockout',
  severity: 'warning',
  roles: ['control-plane', 'worker'],
};

const PROBE = iptablesRulesProbe.name;

function summary(backend: BackendDump): string {
  if (backend.dump === null)
    return `${backend.tool}: ${backend.exitCode === null ? 'not installed' : `failed (exit ${backend.exitCode})`}`;
  const tables = [...backend.dump.tables.values()].map((table) => {
    const rules = [...table.chains.values()].reduce((sum, chain) => sum + chain.rules.length, 0);
    return `${table.name} ${rules}`;
  });
  return `${backend.tool}: ${ruleCount(backend.dump)} rules${tables.length > 0 ? ` (${tables.join(', ')})` : ''}`;
}

export default defineCheck({
  meta,
  probes: [iptablesRulesProbe],
  analyze: ({ r, open }) => {
    const gate = open(PROBE);
    if (!gate.ok) return [gate.finding];
    const parsed = parseIptablesProbe(gate.value.lines);
    if (!parsed.ok) return [unexpected(r, PROBE, parsed.what, parsed.line, parsed.no)];
    const { backends, version } = parsed.value;
    const legacy = backends.find((backend) => backend.backend === 'legacy');
    const nft = backends.find((backend) => backend.backend === 'nft');
    const evidence = [...backends.map(summary)];
    if (version) evidence.push(version);
    for (const backend of backends)
      for (const warning of backend.dump?.warnings ?? []) evidence.push(`${backend.tool}: ${warning}`);
    if (legacy?.dump == null || nft?.dump == null) {
      return [
        r.skip('iptables-legacy-save and iptables-nft-save are not both available: only one backend to look at', {
          evidence,
        }),
      ];
    }
    const inLegacy = hasContent(legacy.dump);
    const inNft = hasContent(nft.dump);
    const active = defaultBackend(version);
    const activeName = active === 'nft' ? 'nf_tables' : active === 'legacy' ? 'legacy' : 'unknown';
    if (inLegacy && inNft) {
      return [
        r.fail(
          `rules in both iptables-legacy and iptables-nft; the iptables command here uses ${activeName}, so the other set is invisible to iptables -L but still filters packets`,
          {
            evidence,
            fix: 'pick one backend (update-alternatives --set iptables /usr/sbin/iptables-nft on current distros), move the rules there, and clear the other: sudo iptables-legacy-save to review, then remove them with the same tool',
          },
        ),
      ];
    }
    const only = inLegacy ? 'legacy' : inNft ? 'nft' : undefined;
    if (only !== undefined && active !== undefined && only !== active) {
      return [
        r.warn(
          `all rules are in iptables-${only} but the iptables command uses ${activeName}: iptables -L shows none of them`,
          {
            evidence,
            fix: `look at them with iptables-${only}-save; point the alternative at the backend the node's components use (update-alternatives --config iptables)`,
          },
        ),
      ];
    }
    return [
      r.pass(only === undefined ? 'no iptables rules in either backend' : `all rules are in iptables-${only}`, {
        evidence,
      }),
    ];
  },
});
