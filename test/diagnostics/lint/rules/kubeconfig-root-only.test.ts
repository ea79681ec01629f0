import rule from '../../../../src/diagnostics/lint/rules/kubeconfig-root-only';
import { ruleTester } from '../helpers';

const play = (role: string): string => `- hosts: masters\n  become: true\n  roles:\n    - ${role}\n`;

ruleTester(rule, {
  valid: [
    {
      name: 'LXD containers entered with lxc exec (root shell), no Vagrantfile: root is the kubectl user',
      files: {
        'lxd/bootstrap-kube.sh':
          '#!/bin/bash\nkubeadm init --pod-network-cidr=10.244.0.0/16\nmkdir -p /root/.kube\ncp /etc/kubernetes/admin.conf /root/.kube/config\n',
        'lxd/kubelx':
          '#!/bin/bash\nfor node in kmaster kworker1; do\n  lxc launch ubuntu:22.04 "$node"\n  lxc file push bootstrap-kube.sh "$node/tmp/"\n  lxc exec "$node" -- bash /tmp/bootstrap-kube.sh\ndone\n',
      },
    },
    {
      name: 'a copy to a home held in a variable of the script (USER_HOME=/home/$USER)',
      files: {
        'kubeconfig.sh':
          '#!/bin/bash\ncp -i /etc/kubernetes/admin.conf $HOME/.kube/config\nUSER=ubuntu\nUSER_HOME=/home/$USER\ncp -i /etc/kubernetes/admin.conf $USER_HOME/.kube/config\n',
        Vagrantfile: 'Vagrant.configure("2") do |config|\n  config.vm.provision "shell", path: "kubeconfig.sh"\nend\n',
      },
    },
    {
      name: 'the same script run once as root and once with privileged: false (the login user gets a copy)',
      files: {
        'prepare-kubectl.sh':
          '#!/bin/bash\nsudo mkdir -p $HOME/.kube\nsudo cp -i /etc/kubernetes/admin.conf $HOME/.kube/config\nsudo chown $(id -u):$(id -g) $HOME/.kube/config\n',
        Vagrantfile:
          'Vagrant.configure("2") do |config|\n  config.vm.provision "shell", privileged: false, path: "prepare-kubectl.sh"\n  config.vm.provision "shell", privileged: true, path: "prepare-kubectl.sh"\nend\n',
      },
    },
    {
      name: 'a copy of a copy of admin.conf given to vagrant through sudo -i -u vagrant bash << EOF',
      files: {
        Vagrantfile: 'Vagrant.configure("2") do |config|\n  config.vm.provision "shell", path: "master.sh"\nend\n',
        'master.sh':
          '#!/bin/bash\nkubeadm init\nmkdir -p $HOME/.kube\ncp -i /etc/kubernetes/admin.conf $HOME/.kube/config\n' +
          'cp -i /etc/kubernetes/admin.conf $config_path/config\nsudo -i -u vagrant bash << EOF\n' +
          'mkdir -p /home/vagrant/.kube\nsudo cp -i $config_path/config /home/vagrant/.kube/\nEOF\n',
      },
    },
    {
      name: 'copied to the login user too (elsewhere in the project)',
      files: {
        'site.yml': play('cp'),
        'roles/cp/tasks/main.yml':
          '- name: root kubeconfig\n  shell: mkdir -p $HOME/.kube && cp /etc/kubernetes/admin.conf $HOME/.kube/config\n',
        'roles/cp/tasks/user.yml':
          '- name: user kubeconfig\n  copy:\n    src: /etc/kubernetes/admin.conf\n    dest: "/home/{{ ansible_user }}/.kube/config"\n    remote_src: true\n    owner: "{{ ansible_user }}"\n',
      },
    },
    {
      name: "become_user: vagrant makes $HOME the user's",
      files: {
        'site.yml': play('cp'),
        'roles/cp/tasks/main.yml':
          '- name: kubeconfig\n  shell: mkdir -p $HOME/.kube && sudo cp /etc/kubernetes/admin.conf $HOME/.kube/config\n  become_user: vagrant\n',
      },
    },
    {
      name: 'without become, $HOME is the login user',
      path: 'site.yml',
      code: '- hosts: masters\n  tasks:\n    - name: kubeconfig\n      shell: sudo cp /etc/kubernetes/admin.conf $HOME/.kube/config\n',
    },
    {
      name: 'Vagrant inline provisioner copying to /home/vagrant',
      path: 'Vagrantfile',
      code: 'Vagrant.configure("2") do |config|\n  config.vm.provision "shell", inline: <<-SHELL\n    kubeadm init\n    mkdir -p /home/vagrant/.kube\n    cp /etc/kubernetes/admin.conf /home/vagrant/.kube/config\n  SHELL\nend\n',
    },
  ],
  invalid: [
    {
      name: '$HOME under play-level become (field log problem 10)',
      files: {
        'site.yml': play('cp'),
        'roles/cp/tasks/main.yml':
          '- name: Set up kubeconfig\n  shell: |\n    mkdir -p $HOME/.kube\n    cp -i /etc/kubernetes/admin.conf $HOME/.kube/config\n',
      },
      errors: [{ path: 'roles/cp/tasks/main.yml', line: 4, column: 38, message: /root's home only/ }],
    },
    {
      name: 'copy module to /root/.kube/config',
      path: 'site.yml',
      code: '- hosts: masters\n  tasks:\n    - copy:\n        src: /etc/kubernetes/admin.conf\n        dest: /root/.kube/config\n        remote_src: true\n',
      errors: [{ line: 5, column: 15 }],
    },
    {
      name: 'privileged Vagrant provisioner copying to $HOME',
      path: 'Vagrantfile',
      code: 'Vagrant.configure("2") do |config|\n  config.vm.provision "shell", inline: <<-SHELL\n    kubeadm init\n    mkdir -p $HOME/.kube\n    cp /etc/kubernetes/admin.conf $HOME/.kube/config\n  SHELL\nend\n',
      errors: [{ line: 5, column: 35 }],
    },
    {
      name: 'script run by a privileged Vagrant provisioner',
      files: {
        'scripts/master.sh': '#!/bin/bash\nmkdir -p ~/.kube\ncp /etc/kubernetes/admin.conf ~/.kube/config\n',
        Vagrantfile:
          'Vagrant.configure("2") do |config|\n  config.vm.provision "shell", path: "scripts/master.sh"\nend\n',
      },
      errors: [{ path: 'scripts/master.sh', line: 3, column: 31 }],
    },
  ],
});
