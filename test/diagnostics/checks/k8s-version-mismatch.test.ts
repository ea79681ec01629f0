import check from '../../../src/diagnostics/checks/k8s-version-mismatch';
import { runCases } from './tester';

runCases(check, {
  valid: [
    {
      name: 'kubectl 1.33.9 and the pkgs.k8s.io v1.33 source, 1.33 expected',
      sections: {
        'k8s-versions': 'k8s-version-mismatch/kubectl-1.33',
        'apt-sources': 'k8s-version-mismatch/pkgs-v1.33',
      },
      context: { expectedK8sVersion: '1.33' },
      message: /kubectl 1\.33\.9 match 1\.33/,
    },
    {
      name: 'all three at 1.33.0 (hand-made versions)',
      sections: { 'k8s-versions': 'k8s-version-mismatch/handmade-node-1.33.0' },
      context: { expectedK8sVersion: '1.33.0' },
      message: /kubeadm 1\.33\.0, kubelet 1\.33\.0, kubectl 1\.33\.0 match 1\.33\.0/,
    },
    {
      name: 'no expected version: the Cloud SDK kubectl and its package are not Kubernetes versions',
      sections: { 'k8s-versions': 'k8s-version-mismatch/host-cloud-sdk-kubectl' },
      message: /kubectl 1\.32\.4 \(no expected version given/,
    },
  ],
  invalid: [
    {
      name: 'the YAML float: pkgs.k8s.io v1.3 (from k8s_version: 1.30)',
      sections: {
        'k8s-versions': 'k8s-version-mismatch/kubectl-1.30',
        'apt-sources': 'k8s-version-mismatch/float-v1.3',
      },
      context: { expectedK8sVersion: '1.30' },
      expect: {
        status: 'fail',
        message: /pkgs\.k8s\.io v1\.3, which does not exist .*YAML float/,
        evidence: [/core:\/stable:\/v1\.3\/deb/],
        fix: /\{\{ k8s_version \| string \}\}/,
      },
    },
    {
      name: 'kubeadm 1.30.2 binary on PATH while the 1.33.0 package is installed (hand-made)',
      sections: { 'k8s-versions': 'k8s-version-mismatch/handmade-two-kubeadm' },
      context: { expectedK8sVersion: '1.33.0' },
      expect: {
        status: 'fail',
        message: /kubeadm is 1\.30\.2 but 1\.33\.0 is expected \(and 1 more problem\)/,
        evidence: [/two installs; PATH picks \/usr\/local\/bin\/kubeadm/],
      },
    },
    {
      name: 'kubectl 1.30 where 1.33 is expected',
      sections: { 'k8s-versions': 'k8s-version-mismatch/kubectl-1.30' },
      context: { expectedK8sVersion: '1.33.0' },
      expect: { status: 'warn', message: /kubectl is 1\.30\.0 but 1\.33\.0 is expected/ },
    },
    {
      name: 'kubeadm cannot run (arm64 binary on x86_64)',
      sections: { 'k8s-versions': 'k8s-version-mismatch/kubeadm-exec-format-error' },
      context: { expectedK8sVersion: '1.33' },
      expect: {
        status: 'warn',
        message: /kubeadm at \/usr\/local\/bin\/kubeadm did not report a version: .*Exec format error/,
      },
    },
    {
      name: 'expected version that is not a version',
      sections: { 'k8s-versions': 'k8s-version-mismatch/kubectl-1.33' },
      context: { expectedK8sVersion: 'latest' },
      expect: { status: 'error', message: /"latest" is not a version/ },
    },
  ],
});
