import rule from '../../../../src/diagnostics/lint/rules/cni-interface-unset';
import { ruleTester } from '../helpers';

// Two machines (a control plane and a worker), each with the NAT NIC and a private one.
const vagrant2nic =
  'Vagrant.configure("2") do |config|\n  config.vm.box = "bento/ubuntu-24.04"\n  (1..2).each do |i|\n    config.vm.define "node#{i}" do |node|\n      node.vm.network "private_network", ip: "192.168.56.1#{i}"\n    end\n  end\nend\n';
const vagrantDhcp =
  'Vagrant.configure("2") do |config|\n  config.vm.network :private_network, type: "dhcp"\n  config.vm.define "cp"\n  config.vm.define "worker"\nend\n';
const vagrantNoPrivate = 'Vagrant.configure("2") do |config|\n  config.vm.box = "bento/ubuntu-24.04"\nend\n';
const flannelUrl = 'https://github.com/flannel-io/flannel/releases/latest/download/kube-flannel.yml';
// The kube-flannel container of the upstream manifest (trimmed, hand-made copy).
const flannelDs = (extra: string): string =>
  `kind: DaemonSet\nspec:\n  template:\n    spec:\n      containers:\n        - name: kube-flannel\n          image: ghcr.io/flannel-io/flannel:v0.26.1\n          command:\n            - /opt/bin/flanneld\n          args:\n            - --ip-masq\n            - --kube-subnet-mgr\n${extra}`;
const calicoEnv = (extra: string): string =>
  `kind: DaemonSet\nspec:\n  template:\n    spec:\n      containers:\n        - name: calico-node\n          env:\n            - name: IP\n              value: "autodetect"\n${extra}`;

// Canal's ConfigMap and its flanneld container (trimmed, hand-made copy): FLANNELD_IFACE comes from canal_iface.
const canal = (iface: string): string =>
  `kind: ConfigMap\ndata:\n  canal_iface: ${iface}\n---\nkind: DaemonSet\nspec:\n  template:\n    spec:\n      containers:\n        - name: kube-flannel\n          command: [ "/opt/bin/flanneld", "--ip-masq", "--kube-subnet-mgr" ]\n          env:\n            - name: FLANNELD_IFACE\n              valueFrom:\n                configMapKeyRef:\n                  name: canal-config\n                  key: canal_iface\n`;

ruleTester(rule, {
  valid: [
    {
      name: 'downloaded canal.yaml patched with --iface= by a sed on the next line (issue 12)',
      files: {
        Vagrantfile: vagrant2nic,
        'cni.sh':
          '#!/bin/bash\ncurl -k \'https://projectcalico.docs.tigera.io/manifests/canal.yaml\' -O\nsed -i \'s/"--ip-masq"/"--iface=enp0s8", "--ip-masq"/g\' canal.yaml\nkubectl apply -f canal.yaml\n',
      },
    },
    {
      name: 'Canal with canal_iface set to the private NIC',
      files: {
        Vagrantfile: vagrant2nic,
        'cni.sh': '#!/bin/sh\nkubectl apply -f /vagrant/canal.yaml\n',
        'canal.yaml': canal('"enp0s8"'),
      },
    },
    {
      name: 'flannel template: --iface under a Jinja condition among the args (kube-flannel DaemonSet)',
      files: {
        Vagrantfile: vagrant2nic,
        'roles/cni/templates/flannel.yml.j2': flannelDs('').replace(
          '            - --kube-subnet-mgr\n',
          "            {% if flannel_iface != '' -%}\n            - --iface={{ flannel_iface }}\n            {% endif -%}\n            - --kube-subnet-mgr\n",
        ),
        'roles/cni/tasks/main.yml':
          '- name: Flannel\n  ansible.builtin.template:\n    src: flannel.yml.j2\n    dest: /tmp/flannel.yml\n',
      },
    },
    {
      name: 'flannel URL kept in a variables file; another script downloads it and sed adds --iface',
      files: {
        Vagrantfile: vagrant2nic,
        'scripts/env.sh': `#!/bin/bash\nexport FLANNEL_LINK="${flannelUrl}"\n`,
        'scripts/cni.sh':
          "#!/bin/bash\nsource /vagrant/scripts/env.sh\ncurl -fsSLo kube-flannel.yaml $FLANNEL_LINK\nsed -i 's/kube-subnet-mgr/&\\n        - --iface=enp0s8/' kube-flannel.yaml\nkubectl apply -f kube-flannel.yaml\n",
      },
    },
    {
      name: 'calico URL in one script, kubectl set env IP_AUTODETECTION_METHOD in another',
      files: {
        Vagrantfile: vagrant2nic,
        'scripts/calico.sh':
          '#!/bin/bash\nkubectl apply -f https://raw.githubusercontent.com/projectcalico/calico/v3.29.1/manifests/calico.yaml\n',
        'scripts/fix-calico.sh':
          '#!/bin/bash\nkubectl -n kube-system set env daemonset/calico-node IP_AUTODETECTION_METHOD=interface=eth1\n',
      },
    },
    {
      name: 'calico manifest whose autodetection method is a template expression',
      files: {
        Vagrantfile: vagrant2nic,
        'roles/cni/templates/calico.yaml.j2': calicoEnv(
          '            - name: IP_AUTODETECTION_METHOD\n              value: "{{ calico_autodetection }}"\n',
        ),
        'roles/cni/tasks/main.yml':
          '- ansible.builtin.template:\n    src: calico.yaml.j2\n    dest: /tmp/calico.yaml\n',
      },
    },
    {
      name: 'flannel manifest with --iface-can-reach',
      files: {
        Vagrantfile: vagrant2nic,
        'manifests/kube-flannel.yml': flannelDs('            - --iface-can-reach=192.168.56.10\n'),
      },
    },
    {
      name: 'flannel URL, no private network in the Vagrantfile',
      files: { Vagrantfile: vagrantNoPrivate, 'scripts/cni.sh': `#!/bin/sh\nkubectl apply -f ${flannelUrl}\n` },
    },
    {
      name: 'flannel URL patched with --iface in the same script',
      files: {
        Vagrantfile: vagrant2nic,
        'scripts/cni.sh': `#!/bin/bash\nset -euo pipefail\ncurl -fsSLo kube-flannel.yml ${flannelUrl}\nsed -i 's/- --kube-subnet-mgr/- --kube-subnet-mgr\\n        - --iface=enp0s8/' kube-flannel.yml\nkubectl apply -f kube-flannel.yml\n`,
      },
    },
    {
      name: 'calico with kubernetes-internal-ip',
      files: {
        Vagrantfile: vagrant2nic,
        'manifests/calico.yaml': calicoEnv(
          '            - name: IP_AUTODETECTION_METHOD\n              value: "kubernetes-internal-ip"\n',
        ),
      },
    },
    {
      name: 'calico URL then kubectl set env can-reach',
      files: {
        Vagrantfile: vagrant2nic,
        'roles/cni/tasks/main.yml':
          '- name: Calico\n  ansible.builtin.command: kubectl apply -f https://raw.githubusercontent.com/projectcalico/calico/v3.29.1/manifests/calico.yaml\n- name: Pick the private NIC\n  ansible.builtin.command: kubectl -n kube-system set env daemonset/calico-node IP_AUTODETECTION_METHOD=can-reach=192.168.56.10\n',
      },
    },
    {
      name: 'operator Installation with nodeAddressAutodetectionV4',
      files: {
        Vagrantfile: vagrant2nic,
        'manifests/custom-resources.yaml':
          'apiVersion: operator.tigera.io/v1\nkind: Installation\nmetadata:\n  name: default\nspec:\n  calicoNetwork:\n    nodeAddressAutodetectionV4:\n      kubernetes: NodeInternalIP\n',
      },
    },
  ],
  invalid: [
    {
      name: 'downloaded canal.yaml whose next-line sed changes something else',
      files: {
        Vagrantfile: vagrant2nic,
        'cni.sh':
          "#!/bin/bash\ncurl -k 'https://projectcalico.docs.tigera.io/manifests/canal.yaml' -O\nsed -i 's/v3.20/v3.21/g' canal.yaml\nkubectl apply -f canal.yaml\n",
      },
      errors: [{ path: 'cni.sh', line: 2, column: 10 }],
    },
    {
      name: 'Canal as shipped: canal_iface: "" leaves FLANNELD_IFACE empty (one finding, at the key)',
      files: {
        'canal.yaml': canal('""'),
        Vagrantfile: vagrant2nic,
        'cni.sh': '#!/bin/sh\nkubectl apply -f /vagrant/canal.yaml\n',
      },
      errors: [{ line: 3, column: 3, message: /canal_iface is empty/ }],
    },
    {
      name: 'stock kube-flannel.yml next to a bridged public_network as the second NIC (NAT keeps the default route)',
      files: {
        Vagrantfile:
          'Vagrant.configure("2") do |config|\n  ["cp", "w1"].each do |name|\n    config.vm.define name do |node|\n      node.vm.network "public_network"\n    end\n  end\nend\n',
        'scripts/cni.sh': `#!/bin/bash\nkubectl apply -f ${flannelUrl}\n`,
      },
      errors: [
        { path: 'scripts/cni.sh', line: 2, column: 18, message: /Flannel takes the interface of the default route/ },
      ],
    },
    {
      name: 'flannel template with no template expression among the args (keeps firing)',
      files: {
        'roles/cni/templates/flannel.yml.j2': flannelDs(''),
        Vagrantfile: vagrant2nic,
        'roles/cni/tasks/main.yml':
          '- name: Flannel\n  ansible.builtin.template:\n    src: flannel.yml.j2\n    dest: /tmp/flannel.yml\n',
      },
      errors: [{ line: 12, column: 15, message: /NAT NIC/ }],
    },
    {
      name: 'a sed that patches something else does not count as a choice',
      files: {
        'scripts/cni.sh': `#!/bin/bash\ncurl -fsSLo kube-flannel.yml ${flannelUrl}\nsed -i 's/10.244.0.0/10.32.0.0/' kube-flannel.yml\nkubectl apply -f kube-flannel.yml\n`,
        Vagrantfile: vagrant2nic,
      },
      errors: [{ line: 2, column: 30, message: /Flannel manifest applied unchanged/ }],
    },
    {
      name: 'flannel manifest args without --iface (two NICs)',
      files: { 'manifests/kube-flannel.yml': flannelDs(''), Vagrantfile: vagrant2nic },
      errors: [{ line: 12, column: 15, message: /NAT NIC/ }],
    },
    {
      name: 'upstream flannel URL applied in a script, DHCP private network (issue example)',
      files: {
        'scripts/master.sh': `#!/bin/bash\nset -euo pipefail\nkubectl apply -f ${flannelUrl}\n`,
        Vagrantfile: vagrantDhcp,
      },
      errors: [{ line: 3, column: 18, message: /Flannel manifest applied unchanged/ }],
    },
    {
      name: 'calico-node env with first-found default',
      files: { 'manifests/calico.yaml': calicoEnv(''), Vagrantfile: vagrant2nic },
      errors: [{ line: 8, column: 15, message: /first-found/ }],
    },
    {
      name: 'explicit first-found is no choice',
      files: {
        'manifests/calico.yaml': calicoEnv(
          '            - name: IP_AUTODETECTION_METHOD\n              value: "first-found"\n',
        ),
        Vagrantfile: vagrant2nic,
      },
      errors: [{ line: 8, column: 15 }],
    },
    {
      name: 'helm flannel chart without iface',
      files: {
        'roles/cni/tasks/main.yml':
          '- name: Flannel\n  ansible.builtin.command: helm install flannel --namespace kube-flannel flannel/flannel --set podCidr=10.244.0.0/16\n',
        Vagrantfile: vagrant2nic,
      },
      errors: [{ line: 2, column: 74, message: /helm chart flannel\/flannel/ }],
    },
  ],
});
