/**
 * pkgs.k8s.io entries without signed-by, a signed-by keyring that is not there, or keys in the
 * legacy /etc/apt/trusted.gpg. apt then fails with NO_PUBKEY / "The following signatures couldn't
 * be verified", or (Ubuntu 22.04+) warns "Key is stored in legacy trusted.gpg keyring".
 */

import { type AptSource, aptSourcesProbe, isPkgsK8sIo, parseAptSourcesProbe } from '../probes/apt';
import { aptKeyringsProbe, parseAptKeyrings } from '../probes/apt-keyrings';
import { type CheckSpecMeta, defineCheck } from './support/define';
import { type Problem, unexpected, worstOf } from './support/findings';

const meta: CheckSpecMeta = {
  id: 'apt-signed-by-missing',
  title: 'The Kubernetes APT source names its signing key',
  titleKo: '쿠버네티스 APT 소스에 서명 키가 지정되어 있다',
  runbook: 'kubernetes-apt-repo-moved',
  severity: 'error',
  roles: ['control-plane', 'worker'],
};

const KEYRINGS = aptKeyringsProbe.name;
const FIX =
  'sudo mkdir -p -m 755 /etc/apt/keyrings; key="$(mktemp)" && curl -fsSL -o "$key" https://pkgs.k8s.io/core:/stable:/v1.37/deb/Release.key && sudo gpg --batch --yes --dearmor -o /etc/apt/keyrings/kubernetes-apt-keyring.gpg "$key"; rm -f "$key"; write the source as "deb [signed-by=/etc/apt/keyrings/kubernetes-apt-keyring.gpg] https://pkgs.k8s.io/core:/stable:/v1.37/deb/ /"';

const describe = (source: AptSource) => `${source.file}: ${source.text}`;

export default defineCheck({
  meta,
  probes: [aptSourcesProbe, aptKeyringsProbe],
  analyze: ({ r, open }) => {
    const gate = open(aptSourcesProbe.name);
    if (!gate.ok) return [gate.finding];
    const parsed = parseAptSourcesProbe(gate.value.lines);
    if (!parsed.ok) return [unexpected(r, aptSourcesProbe.name, parsed.what, parsed.line, parsed.no)];
    const keyGate = open(KEYRINGS);
    if (!keyGate.ok) return [keyGate.finding];
    const parsedKeyrings = parseAptKeyrings(keyGate.value.lines);
    if (!parsedKeyrings.ok)
      return [unexpected(r, KEYRINGS, parsedKeyrings.what, parsedKeyrings.line, parsedKeyrings.no)];
    const keyrings = parsedKeyrings.value;

    const k8s = parsed.value.filter((source) => source.enabled && source.uris.some(isPkgsK8sIo));
    const paths = new Map(keyrings.map((keyring) => [keyring.path, keyring.size]));
    const legacy = keyrings.find((keyring) => keyring.path === '/etc/apt/trusted.gpg' && keyring.size > 0);
    const problems: Problem[] = [];
    const evidence: string[] = k8s.map(describe);
    for (const source of k8s) {
      if (source.signedBy === undefined) {
        problems.push({
          status: legacy === undefined ? 'fail' : 'warn',
          text:
            legacy === undefined
              ? `${source.file}: the pkgs.k8s.io entry has no signed-by, and no legacy keyring holds keys: apt update fails with NO_PUBKEY`
              : `${source.file}: the pkgs.k8s.io entry has no signed-by; it relies on keys in the legacy /etc/apt/trusted.gpg`,
        });
        continue;
      }
      const keyPath = source.signedBy.trim();
      if (keyPath.startsWith('/')) {
        const size = paths.get(keyPath);
        const watched = ['/etc/apt/keyrings/', '/usr/share/keyrings/', '/etc/apt/trusted.gpg.d/'].some((dir) =>
          keyPath.startsWith(dir),
        );
        if (watched && size === undefined) {
          problems.push({ status: 'fail', text: `${source.file}: signed-by names ${keyPath}, which does not exist` });
        } else if (size === 0) {
          problems.push({
            status: 'fail',
            text: `${source.file}: signed-by names ${keyPath}, which is empty (a failed download?)`,
          });
        }
      }
    }
    if (legacy !== undefined) {
      evidence.push(`/etc/apt/trusted.gpg: ${legacy.size} bytes`);
      problems.push({
        status: 'warn',
        text: `/etc/apt/trusted.gpg holds keys (${legacy.size} bytes): apt-key was used; every repository trusts them and apt warns "Key is stored in legacy trusted.gpg keyring"`,
      });
    }
    const worst = worstOf(r, problems, { evidence, fix: FIX });
    if (worst) return [worst];
    if (k8s.length === 0)
      return [r.pass('no pkgs.k8s.io source on this node and no legacy trusted.gpg keys', { evidence })];
    return [
      r.pass(`${k8s.length} pkgs.k8s.io source entr${k8s.length === 1 ? 'y names its' : 'ies name their'} keyring`, {
        evidence,
      }),
    ];
  },
});
