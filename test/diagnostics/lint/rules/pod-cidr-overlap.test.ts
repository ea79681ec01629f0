import rule from '../../../../src/diagnostics/lint/rules/pod-cidr-overlap';
import { ruleTester } from '../helpers';

const vagrant = (ip: string): string =>
  `Vagrant.configure("2") do |config|\n  (1..2).each do |i|\n    config.vm.define "node#{i}" do |node|\n      node.vm.network "private_network", ip: "${ip}"\n    end\n  end\nend\n`;
const calicoManifestUrl = 'https://docs.projectcalico.org/manifests/calico.yaml';
const calicoUrl = 'https://raw.githubusercontent.com/projectcalico/calico/v3.29.1/manifests/custom-resources.yaml';

ruleTester(rule, {
  valid: [
    {
      name: 'Calico custom resources downloaded, then the 192.168.0.0/16 pool rewritten by sed before the apply',
      files: {
        Vagrantfile: vagrant('192.168.56.1#{i}'),
        'scripts/cni.sh': `#!/bin/sh\ncurl -LO ${calicoUrl}\nsed -i 's/192.168.0.0\\/16/10.240.0.0\\/16/' custom-resources.yaml\nkubectl create -f custom-resources.yaml\n`,
      },
    },
    {
      name: 'calico.yaml (pool CIDR commented) follows kubeadm podSubnet 172.17.0.0/16 set in another script',
      files: {
        'scripts/env.sh': `#!/bin/bash\nexport CALICO_LINK="${calicoManifestUrl}"\n`,
        'scripts/control-plane.sh':
          '#!/bin/bash\ncat <<EOF > kubeadm.yaml\napiVersion: kubeadm.k8s.io/v1beta3\nkind: ClusterConfiguration\nnetworking:\n  podSubnet: "172.17.0.0/16"\nEOF\nkubeadm init --config kubeadm.yaml\n',
        Vagrantfile: vagrant('192.168.56.1#{i}'),
      },
    },
    {
      name: '10.244.0.0/16 next to 192.168.56.0/24',
      files: {
        Vagrantfile: vagrant('192.168.56.#{10 + i}'),
        'scripts/master.sh': '#!/bin/sh\nkubeadm init --pod-network-cidr=10.244.0.0/16\n',
      },
    },
    {
      name: 'Calico default pool, but the VMs are on 10.0.0.0/24',
      files: { Vagrantfile: vagrant('10.0.0.1#{i}'), 'scripts/cni.sh': `#!/bin/sh\nkubectl create -f ${calicoUrl}\n` },
    },
    {
      name: 'no Vagrantfile in the project',
      path: 'roles/master/tasks/main.yml',
      code: '- name: init\n  ansible.builtin.command: kubeadm init --pod-network-cidr=192.168.0.0/16\n',
    },
    {
      name: 'Calico custom resources with a CIDR given',
      files: {
        Vagrantfile: vagrant('192.168.56.10'),
        'manifests/custom-resources.yaml':
          'kind: Installation\nspec:\n  calicoNetwork:\n    ipPools:\n      - cidr: 172.16.0.0/16\n',
      },
    },
    {
      name: 'commented-out CALICO_IPV4POOL_CIDR',
      files: {
        Vagrantfile: vagrant('192.168.56.10'),
        'manifests/calico.yaml':
          '            # - name: CALICO_IPV4POOL_CIDR\n            #   value: "192.168.0.0/16"\n            - name: CALICO_IPV4POOL_CIDR\n              value: "10.10.0.0/16"\n',
      },
    },
  ],
  invalid: [
    {
      name: 'calico.yaml follows a kubeadm pod CIDR held in a variable that itself overlaps the nodes: one finding, at the CIDR, naming the Calico pool (issue 12)',
      files: {
        'scripts/master.sh': `#!/bin/bash\nsource /vagrant/scripts/common.sh\nsudo kubeadm init --pod-network-cidr=\${POD_NETWORK_CIDR}\nkubectl apply -f ${calicoManifestUrl}\n`,
        'scripts/common.sh': '#!/bin/bash\nNETWORK="192.168.56"\n',
        'scripts/vars.sh': '#!/bin/bash\nCLUSTER_POD_CIDR="192.168.0.0/16"\n',
        Vagrantfile: vagrant('192.168.56.10'),
      },
      errors: [
        { path: 'scripts/vars.sh', line: 2, column: 19, message: /a pod network variable.*CALICO_IPV4POOL_CIDR/ },
      ],
    },
    {
      name: 'calico.yaml v3.8 sets CALICO_IPV4POOL_CIDR 192.168.0.0/16 itself, whatever kubeadm is given',
      files: {
        'scripts/cni.sh':
          '#!/bin/sh\necho calico\nkubectl apply -f https://docs.projectcalico.org/v3.8/manifests/calico.yaml\n',
        'scripts/init.sh': '#!/bin/sh\nkubeadm init --config /vagrant/kubeadm-config.yml\n',
        'kubeadm-config.yml': 'kind: ClusterConfiguration\nnetworking:\n  podSubnet: 10.244.0.0/16\n',
        Vagrantfile: vagrant('192.168.56.10'),
      },
      errors: [{ line: 3, column: 18, message: /default pool 192\.168\.0\.0\/16/ }],
    },
    {
      name: 'calico.yaml with no pod CIDR given to kubeadm anywhere: default pool 192.168.0.0/16',
      files: {
        'scripts/cni.sh': `#!/bin/sh\nkubeadm init\nkubectl apply -f ${calicoManifestUrl}\n`,
        Vagrantfile: vagrant('192.168.56.10'),
      },
      errors: [{ line: 3, column: 18, message: /default pool 192\.168\.0\.0\/16/ }],
    },
    {
      name: 'kubeadm --pod-network-cidr 192.168.0.0/16 with 192.168.56.x nodes',
      files: {
        'roles/master/tasks/main.yml':
          '- name: init\n  ansible.builtin.command: kubeadm init --pod-network-cidr=192.168.0.0/16 --apiserver-advertise-address=192.168.56.10\n',
        Vagrantfile: vagrant('192.168.56.#{10 + i}'),
      },
      errors: [
        { line: 2, column: 60, message: /overlaps the Vagrant private network 192\.168\.56\.0\/24 \(Vagrantfile:4\)/ },
      ],
    },
    {
      name: 'podSubnet in a kubeadm config template',
      files: {
        'roles/master/templates/kubeadm-config.yaml.j2':
          'kind: ClusterConfiguration\nnetworking:\n  podSubnet: "192.168.0.0/16"\n',
        Vagrantfile: vagrant('192.168.50.10'),
      },
      errors: [{ line: 3, column: 15 }],
    },
    {
      name: 'CALICO_IPV4POOL_CIDR in a manifest',
      files: {
        'manifests/calico.yaml': '            - name: CALICO_IPV4POOL_CIDR\n              value: "192.168.0.0/16"\n',
        Vagrantfile: vagrant('192.168.56.10'),
      },
      errors: [{ line: 2, column: 23 }],
    },
    {
      name: 'pod network variable in group_vars',
      files: { 'group_vars/all.yml': 'pod_network_cidr: "10.0.0.0/8"\n', Vagrantfile: vagrant('10.0.0.10') },
      errors: [{ line: 1, column: 20 }],
    },
    {
      name: 'Calico operator custom resources applied with no CIDR (default 192.168.0.0/16)',
      files: { 'scripts/cni.sh': `#!/bin/sh\nkubectl create -f ${calicoUrl}\n`, Vagrantfile: vagrant('192.168.56.10') },
      errors: [{ line: 2, column: 19, message: /default pool 192\.168\.0\.0\/16/ }],
    },
    {
      name: 'addresses from a node table (ip: node[:ip])',
      files: {
        'group_vars/all.yml': 'pod_network_cidr: 192.168.0.0/16\n',
        Vagrantfile:
          'NODES = [\n  { name: "k8s-master", ip: "192.168.56.10" },\n]\nVagrant.configure("2") do |config|\n  NODES.each do |node|\n    config.vm.define node[:name] do |m|\n      m.vm.network "private_network", ip: node[:ip]\n    end\n  end\nend\n',
      },
      errors: [{ line: 1, column: 19, message: /192\.168\.56\.10 \(Vagrantfile:2\)/ }],
    },
  ],
});
