import check from '../../../src/diagnostics/checks/kubeconfig-localhost';
import { runCases } from './tester';

runCases(check, {
  valid: [
    {
      name: 'kubeconfig written by kubectl config set-cluster with the API server',
      sections: { 'user-kubeconfig': 'user-kubeconfig-missing/vagrant-has-config' },
      message: /points at https:\/\/198\.51\.100\.10:6443/,
    },
  ],
  invalid: [
    {
      name: 'server: http://localhost:8080',
      sections: { 'user-kubeconfig': 'kubeconfig-localhost/localhost-8080' },
      expect: {
        status: 'fail',
        message: /\/home\/vagrant\/\.kube\/config points at http:\/\/localhost:8080/,
        evidence: [/server: http:\/\/localhost:8080/],
        fix: /admin\.conf/,
      },
    },
    {
      name: 'a context without a cluster server',
      sections: { 'user-kubeconfig': 'kubeconfig-localhost/no-server' },
      expect: { status: 'fail', message: /has no server: line: kubectl falls back to localhost:8080/ },
    },
    {
      name: 'no kubeconfig at all: the other check reports it',
      sections: { 'user-kubeconfig': 'user-kubeconfig-missing/worker-none' },
      expect: { status: 'skip', message: /see user-kubeconfig-missing/ },
    },
  ],
});
