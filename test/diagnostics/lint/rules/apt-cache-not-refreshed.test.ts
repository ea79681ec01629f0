import rule from '../../../../src/diagnostics/lint/rules/apt-cache-not-refreshed';
import { ruleTester } from '../helpers';

const tasks = 'roles/common/tasks/main.yml';

ruleTester(rule, {
  valid: [
    {
      name: 'a refresh and an install in the same Vagrantfile if branch',
      files: {
        Vagrantfile:
          'Vagrant.configure("2") do |config|\n  config.vm.define "cp" do |cp|\n    if WITH_TOOLS\n      cp.vm.provision "shell", path: "scripts/update.sh"\n      cp.vm.provision "shell", path: "scripts/tools.sh"\n    end\n  end\nend\n',
        'scripts/update.sh': '#!/bin/bash\napt-get update\n',
        'scripts/tools.sh': '#!/bin/bash\napt-get install -y jq\n',
      },
    },
    {
      name: 'add-apt-repository (without -n) and get-docker.sh refresh the lists themselves',
      path: 'provision.sh',
      code: '#!/bin/sh\nsh get-docker.sh\napt-get install -y jq\n',
    },
    {
      name: 'add-apt-repository refreshes unless told not to',
      path: 'provision2.sh',
      code: '#!/bin/sh\napt-add-repository "deb http://example.org/ubuntu focal main"\napt install -y kubeadm\n',
    },
    {
      name: 'a named provisioner (type: "shell") that refreshes runs before the machine\'s own',
      files: {
        Vagrantfile:
          'Vagrant.configure("2") do |config|\n  config.vm.provision "deps", type: "shell", :path => "deps.sh"\n  config.vm.define "base" do |b|\n    b.vm.provision "extra", :type => "shell", :path => "extra.sh"\n  end\nend\n',
        'deps.sh': '#!/bin/sh\napt-get update\n',
        'extra.sh': '#!/bin/sh\napt-get install -y dkms\n',
      },
    },
    {
      name: 'after import_tasks of a task file that refreshes (common-tasks.yml), also for a role after it',
      files: {
        'site.yml':
          '- hosts: all\n  pre_tasks:\n    - import_tasks: common-tasks.yml\n  roles:\n    - tools\n  tasks:\n    - name: Install git\n      apt:\n        name: git\n',
        'common-tasks.yml': '- name: Prerequisites\n  apt:\n    name: curl\n    update_cache: yes\n',
        'roles/tools/tasks/main.yml': '- name: Install htop\n  apt:\n    name: htop\n',
      },
    },
    {
      name: "an include named from the playbook's folder (tasks/update.yml) inside tasks/main.yml",
      files: {
        'site.yml': '- hosts: all\n  tasks:\n    - import_tasks: tasks/main.yml\n',
        'tasks/main.yml': '- include_tasks: tasks/update.yml\n- name: Install jq\n  apt:\n    name: jq\n',
        'tasks/update.yml': '- name: Refresh\n  apt:\n    update_cache: true\n',
      },
    },
    {
      name: 'update_cache on the install task',
      path: tasks,
      code: '- name: Install curl\n  ansible.builtin.apt:\n    name: curl\n    update_cache: true\n',
    },
    {
      name: 'cache_valid_time alone (it implies update_cache)',
      path: tasks,
      code: '- name: Install curl\n  apt:\n    name: curl\n    cache_valid_time: 3600\n',
    },
    {
      name: 'a separate refresh task earlier in the file',
      path: tasks,
      code: '- name: Refresh\n  apt:\n    update_cache: yes\n\n- name: Install curl\n  apt:\n    name: curl\n    update_cache: no\n',
    },
    {
      name: 'apt_repository refreshes by default',
      path: tasks,
      code: '- name: Add repo\n  apt_repository:\n    repo: "deb [signed-by=/etc/apt/keyrings/k.asc] https://pkgs.k8s.io/core:/stable:/v1.30/deb/ /"\n- name: Install kubeadm\n  apt:\n    name: kubeadm\n',
    },
    {
      name: 'free-form key=value arguments',
      path: tasks,
      code: '- name: Install curl\n  apt: name=curl update_cache=yes\n',
    },
    {
      name: 'removing packages needs no refresh',
      path: tasks,
      code: '- name: Remove snapd\n  apt:\n    name: snapd\n    state: absent\n',
    },
    {
      name: 'shell task that updates first',
      path: tasks,
      code: '- name: Install\n  shell: apt-get update && apt-get install -y curl\n',
    },
    {
      name: 'script that updates first',
      path: 'scripts/bootstrap.sh',
      code: '#!/bin/sh\nset -e\nsudo apt-get -q update\nsudo apt-get install -y curl\n',
    },
    {
      name: 'role applied after a pre_task refresh in every play',
      files: {
        'site.yml':
          '- hosts: all\n  become: true\n  pre_tasks:\n    - name: Refresh\n      apt:\n        update_cache: true\n  roles:\n    - common\n',
        [tasks]: '- name: Install curl\n  apt:\n    name: curl\n',
      },
    },
    {
      name: 'role file included after the file that refreshes',
      files: {
        'roles/k8s/tasks/main.yml': '- import_tasks: repo.yml\n- import_tasks: install.yml\n',
        'roles/k8s/tasks/repo.yml': '- name: Refresh\n  apt:\n    update_cache: true\n',
        'roles/k8s/tasks/install.yml': '- name: Install kubeadm\n  apt:\n    name: kubeadm\n',
      },
    },
    {
      name: 'playbook task after a role that refreshes',
      files: {
        'site.yml':
          '- hosts: all\n  roles:\n    - base\n  tasks:\n    - name: Install curl\n      apt:\n        name: curl\n',
        'roles/base/tasks/main.yml': '- name: Refresh\n  apt:\n    update_cache: true\n',
      },
    },
  ],
  invalid: [
    {
      name: 'after include_tasks of a task file that does not refresh',
      files: {
        'site.yml':
          '- hosts: all\n  tasks:\n    - include_tasks: tasks/dirs.yml\n    - name: Install jq\n      apt:\n        name: jq\n',
        'tasks/dirs.yml': '- name: Tools dir\n  file:\n    path: /opt/tools\n    state: directory\n',
      },
      errors: [{ line: 5, column: 7 }],
    },
    {
      name: 'a refreshing provisioner under a case branch does not count for another machine (haproxy VM)',
      files: {
        'scripts/lb.sh': '#!/bin/bash\nsource /vagrant/scripts/env.sh\napt-get install -y haproxy\n',
        Vagrantfile:
          'Vagrant.configure("2") do |config|\n  config.vm.define "lb" do |lb|\n    lb.vm.provision "shell", path: "scripts/lb.sh"\n  end\n  config.vm.define "cp" do |cp|\n    cp.vm.provision "shell", path: "scripts/base.sh"\n    case RUNTIME\n    when "containerd"\n      cp.vm.provision "shell", path: "scripts/containerd.sh"\n    else\n      config.vm.provision "shell", path: "scripts/docker.sh"\n    end\n  end\nend\n',
        'scripts/env.sh': '#!/bin/bash\nexport DEBIAN_FRONTEND=noninteractive\n',
        'scripts/base.sh': '#!/bin/bash\napt-get update\n',
        'scripts/containerd.sh': '#!/bin/bash\napt-get install -y containerd\n',
        'scripts/docker.sh': '#!/bin/bash\napt-get update\napt-get install -y docker-ce\n',
      },
      errors: [{ line: 3, column: 1 }],
    },
    {
      name: 'update_cache: no and nothing before it (field log problem 3)',
      path: tasks,
      code: '- name: Install required packages\n  apt:\n    name: "{{ item }}"\n    state: present\n    update_cache: no\n  loop:\n    - curl\n',
      errors: [
        { line: 2, column: 3, endColumn: 6, message: /update_cache: false and no cache refresh earlier in the play/ },
      ],
    },
    {
      name: 'refresh only after the install',
      path: tasks,
      code: '- name: Install curl\n  ansible.builtin.apt:\n    name: curl\n- name: Refresh\n  ansible.builtin.apt:\n    update_cache: true\n',
      errors: [{ line: 2, column: 3 }],
    },
    {
      name: 'role applied first in the play, refresh in a later role',
      files: {
        'site.yml': '- hosts: all\n  roles:\n    - common\n    - k8s\n',
        [tasks]: '- name: Install curl\n  apt:\n    name: curl\n',
        'roles/k8s/tasks/main.yml': '- name: Refresh\n  apt:\n    update_cache: true\n',
      },
      errors: [{ path: tasks, line: 2, column: 3 }],
    },
    {
      name: 'shell task with apt-get install only',
      path: tasks,
      code: '- name: Install\n  shell: |\n    set -e\n    apt-get install -y curl\n',
      errors: [{ line: 4, column: 5, message: /"apt-get install" runs with no "apt-get update" before it/ }],
    },
    {
      name: 'script without apt-get update',
      path: 'scripts/bootstrap.sh',
      code: '#!/bin/bash\n# apt-get update  <- commented out\nDEBIAN_FRONTEND=noninteractive apt-get -y install curl\n',
      errors: [{ line: 3, column: 32 }],
    },
    {
      name: 'Vagrant inline provisioner',
      path: 'Vagrantfile',
      code: 'Vagrant.configure("2") do |config|\n  config.vm.provision "shell", inline: <<-SHELL\n    apt install -y curl\n  SHELL\nend\n',
      errors: [{ line: 3, column: 5, message: /"apt install"/ }],
    },
  ],
});
