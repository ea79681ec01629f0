import check from '../../../src/diagnostics/checks/user-kubeconfig-missing';
import { runCases } from './tester';

const dir = 'user-kubeconfig-missing';

runCases(check, {
  valid: [
    {
      name: 'vagrant has ~/.kube/config',
      sections: { 'user-kubeconfig': `${dir}/vagrant-has-config` },
      message: /vagrant has a kubeconfig: \/home\/vagrant\/\.kube\/config$/,
    },
    {
      name: 'KUBECONFIG lists a readable file',
      sections: { 'user-kubeconfig': `${dir}/kubeconfig-env` },
      message: /from KUBECONFIG/,
    },
    {
      name: 'a worker without any kubeconfig',
      sections: { 'user-kubeconfig': `${dir}/worker-none`, 'root-kubeconfig': `${dir}/worker-none` },
      message: /kubectl is not set up here/,
    },
  ],
  invalid: [
    {
      name: 'the field log: vagrant has none, root has /root/.kube/config and admin.conf',
      sections: {
        'user-kubeconfig': `${dir}/vagrant-missing-root-has`,
        'root-kubeconfig': `${dir}/vagrant-missing-root-has`,
      },
      expect: {
        status: 'fail',
        message:
          /vagrant has no \/home\/vagrant\/\.kube\/config while root has \/root\/\.kube\/config, \/etc\/kubernetes\/admin\.conf: kubectl as vagrant goes to localhost:8080/,
        evidence: [/KUBECONFIG unset/],
        fix: /sudo cp -i \/etc\/kubernetes\/admin\.conf \$HOME\/\.kube\/config/,
      },
    },
    {
      name: 'copied as root without chown',
      sections: { 'user-kubeconfig': `${dir}/vagrant-root-owned` },
      expect: { status: 'fail', message: /exists but vagrant cannot read it/, fix: /chown/ },
    },
    {
      name: 'admin.conf visible without sudo even when the root probe was skipped',
      sections: { 'user-kubeconfig': `${dir}/vagrant-missing-root-has` },
      expect: { status: 'fail', message: /while root has \/etc\/kubernetes\/admin\.conf/ },
    },
    {
      name: 'a control plane without admin.conf',
      sections: { 'user-kubeconfig': `${dir}/worker-none`, 'root-kubeconfig': `${dir}/worker-none` },
      context: { roles: ['control-plane'] },
      expect: { status: 'warn', message: /no admin\.conf/ },
    },
  ],
});
