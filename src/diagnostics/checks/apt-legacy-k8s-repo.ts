/**
 * APT sources that still point at the Google-hosted Kubernetes repositories. apt.kubernetes.io
 * and the kubernetes-* suites of packages.cloud.google.com/apt were frozen on 2023-09-13 and
 * removed on 2024-03-04; `apt-get update` fails on them. The community repository is pkgs.k8s.io,
 * one repository per minor release. (packages.cloud.google.com/apt itself still serves the
 * Google Cloud SDK suites such as cloud-sdk; those are not flagged.)
 */

import { isLegacyKubernetesSource } from '../facts/apt-repos';
import { type AptSource, aptSourcesProbe, parseAptSourcesProbe } from '../probes/apt';
import { type CheckSpecMeta, defineCheck } from './support/define';
import { unexpected } from './support/findings';

const meta: CheckSpecMeta = {
  id: 'apt-legacy-k8s-repo',
  title: 'No APT source points at the removed Google-hosted Kubernetes repository',
  titleKo: '없어진 Google 호스팅 쿠버네티스 저장소를 가리키는 APT 소스가 없다',
  runbook: 'kubernetes-apt-repo-moved',
  severity: 'error',
  roles: ['control-plane', 'worker'],
};

const PROBE = aptSourcesProbe.name;

export { isLegacyKubernetesSource };

const describe = (source: AptSource) => `${source.file}: ${source.text}`;

export default defineCheck({
  meta,
  probes: [aptSourcesProbe],
  analyze: ({ r, open }) => {
    const gate = open(PROBE);
    if (!gate.ok) return [gate.finding];
    const parsed = parseAptSourcesProbe(gate.value.lines);
    if (!parsed.ok) return [unexpected(r, PROBE, parsed.what, parsed.line, parsed.no)];
    const sources = parsed.value;
    if (sources.length === 0) return [r.skip('no APT source files (not a Debian/Ubuntu node?)')];
    const legacy = sources.filter(
      (source) => source.enabled && source.uris.some((uri) => isLegacyKubernetesSource(uri, source.suites)),
    );
    if (legacy.length === 0)
      return [r.pass(`${sources.length} APT source entries, none on the removed Kubernetes repository`)];
    const files = [...new Set(legacy.map((source) => source.file))];
    return [
      r.fail(
        `${files.join(', ')} still use${files.length === 1 ? 's' : ''} the removed Google-hosted Kubernetes repository: apt-get update fails on it`,
        {
          evidence: legacy.map(describe),
          fix: 'remove those entries and add pkgs.k8s.io for your minor release: key="$(mktemp)" && curl -fsSL -o "$key" https://pkgs.k8s.io/core:/stable:/v1.37/deb/Release.key && sudo gpg --batch --yes --dearmor -o /etc/apt/keyrings/kubernetes-apt-keyring.gpg "$key"; rm -f "$key"; echo "deb [signed-by=/etc/apt/keyrings/kubernetes-apt-keyring.gpg] https://pkgs.k8s.io/core:/stable:/v1.37/deb/ /" | sudo tee /etc/apt/sources.list.d/kubernetes.list',
        },
      ),
    ];
  },
});
