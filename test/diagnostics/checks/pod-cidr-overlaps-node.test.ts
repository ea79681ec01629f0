import check from '../../../src/diagnostics/checks/pod-cidr-overlaps-node';
import { runCases, section } from './tester';

const real = (name: string) => ({
  'pod-cidr': `pod-cidr-overlaps-node/${name}`,
  'ip-addr': `pod-cidr-overlaps-node/${name}`,
});

runCases(check, {
  valid: [
    {
      name: "Flannel's 10.244.0.0/16 (real manifest and addresses)",
      sections: real('flannel-default'),
      message: /10\.244\.0\.0\/16 is clear/,
    },
  ],
  invalid: [
    {
      name: 'cluster CIDR containing the host-only network (real; 198.51.0.0/16 stands for 192.168.0.0/16)',
      sections: real('overlap'),
      expect: {
        status: 'fail',
        message: /pod CIDR 198\.51\.0\.0\/16 overlaps the node network 198\.51\.100\.10\/24 on eth1/,
        evidence: [/--cluster-cidr=198\.51\.0\.0\/16/],
        fix: /--pod-network-cidr=10\.244\.0\.0\/16/,
      },
    },
    {
      name: 'no --cluster-cidr (real)',
      sections: real('no-cluster-cidr'),
      expect: { status: 'skip', message: /no --cluster-cidr/ },
    },
    {
      name: 'not a control plane',
      sections: {
        'pod-cidr': section('### nomanifest /etc/kubernetes/manifests/kube-controller-manager.yaml\n### end\n'),
      },
      expect: { status: 'skip', message: /no kube-controller-manager manifest/ },
    },
    {
      name: 'garbage in the flag',
      sections: {
        'pod-cidr': section(
          '### manifest /etc/kubernetes/manifests/kube-controller-manager.yaml\n| 11:--cluster-cidr=192.168.0/16\n### end\n',
        ),
        'ip-addr': 'pod-cidr-overlaps-node/overlap',
      },
      expect: { status: 'error', message: /not an IPv4 CIDR/ },
    },
  ],
});
