import check from '../../../src/diagnostics/checks/apt-legacy-k8s-repo';
import { runCases } from './tester';

runCases(check, {
  valid: [
    { name: "this machine's Debian sources (deb822)", sections: { 'apt-sources': 'apt-legacy-k8s-repo/debian-only' } },
    { name: 'pkgs.k8s.io source', sections: { 'apt-sources': 'apt-signed-by-missing/signed' } },
    {
      name: 'apt.kubernetes.io in a disabled deb822 stanza',
      sections: { 'apt-sources': 'apt-legacy-k8s-repo/deb822-disabled' },
    },
  ],
  invalid: [
    {
      name: 'apt.kubernetes.io kubernetes-xenial',
      sections: { 'apt-sources': 'apt-legacy-k8s-repo/apt-kubernetes-io' },
      expect: {
        status: 'fail',
        message:
          /\/etc\/apt\/sources\.list\.d\/kubernetes\.list still uses the removed Google-hosted Kubernetes repository/,
        evidence: [/deb https:\/\/apt\.kubernetes\.io\/ kubernetes-xenial main/],
        fix: /pkgs\.k8s\.io/,
      },
    },
    {
      name: 'packages.cloud.google.com kubernetes-xenial flagged, cloud-sdk suite not',
      sections: { 'apt-sources': 'apt-legacy-k8s-repo/packages-cloud-google' },
      expect: { status: 'fail', message: /^\/etc\/apt\/sources\.list\.d\/kubernetes\.list still uses/ },
    },
  ],
});
