import check from '../../../src/diagnostics/checks/api-server-unreachable';
import { runCases } from './tester';

const dir = 'api-server-unreachable';

runCases(check, {
  valid: [
    {
      name: 'curl reaches /healthz',
      sections: { 'apiserver-reach': `${dir}/reachable` },
      message: /https:\/\/198\.51\.100\.1:6443 answers \(HTTP 200 on \/healthz\)/,
    },
    {
      name: 'nc -z reaches the port (no curl)',
      sections: { 'apiserver-reach': `${dir}/nc-reachable` },
      message: /answers$/,
    },
  ],
  invalid: [
    {
      name: 'a firewall drops 6443 on the control plane',
      sections: { 'apiserver-reach': `${dir}/dropped` },
      expect: {
        status: 'fail',
        message: /not reachable from this worker: timed out/,
        evidence: [/curl exit 28: curl: \(28\)/],
        fix: /curl -k https/,
      },
    },
    {
      name: 'nothing listens',
      sections: { 'apiserver-reach': `${dir}/refused` },
      expect: { status: 'fail', message: /connection refused/ },
    },
    {
      name: 'nothing listens (nc)',
      sections: { 'apiserver-reach': `${dir}/nc-refused` },
      expect: { status: 'fail', message: /nc could not connect/ },
    },
    {
      name: 'kubelet.conf points at the NAT address',
      sections: { 'apiserver-reach': `${dir}/nat-address` },
      context: { controlPlaneEndpoint: '198.51.100.1:6443' },
      expect: {
        status: 'fail',
        message: /10\.0\.2\.15 is the Vagrant NAT address.*control-plane endpoint is 198\.51\.100\.1:6443/,
      },
    },
    {
      name: 'not joined yet',
      sections: { 'apiserver-reach': `${dir}/not-joined` },
      context: { controlPlaneEndpoint: '198.51.100.1:6443' },
      expect: {
        status: 'skip',
        message: /has not joined; test by hand: curl -k https:\/\/198\.51\.100\.1:6443\/healthz/,
      },
    },
    {
      name: 'busybox only: no curl, nc without -z',
      sections: { 'apiserver-reach': `${dir}/busybox-no-curl` },
      expect: { status: 'skip', message: /neither curl nor nc/ },
    },
    {
      name: 'a server URL with shell characters is not contacted',
      sections: { 'apiserver-reach': `${dir}/unsafe-url` },
      expect: { status: 'warn', message: /not a plain https URL; not contacted/ },
    },
  ],
});
