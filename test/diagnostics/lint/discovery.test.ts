import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { K8sdiagError } from '../../../src/diagnostics/errors';
import { discover } from '../../../src/diagnostics/lint/discovery';

const root = mkdtempSync(join(tmpdir(), 'k8sdiag-discovery-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const files: Record<string, string> = {
  Vagrantfile: 'Vagrant.configure("2") do |c| end\n',
  '.gitignore': 'build/\n*.retry\n',
  'site.yml': '- hosts: all\n  roles: [common]\n',
  'site.retry': 'node1\n',
  'inventory/hosts': '[k8s]\nnode1\n',
  'inventory/group_vars/all.yml': 'a: 1\n',
  'group_vars/all': 'b: 2\n',
  'host_vars/node1.yml': 'c: 3\n',
  'roles/common/tasks/main.yml': '- debug: msg=hi\n',
  'roles/common/handlers/main.yml': '- name: h\n  debug: msg=hi\n',
  'roles/common/defaults/main.yml': 'd: 4\n',
  'roles/common/vars/main.yml': 'e: 5\n',
  'roles/common/templates/kubeadm.yaml.j2': 'x: {{ y }}\n',
  'roles/common/meta/main.yml': 'galaxy_info: {}\n',
  'roles/common/files/.gitignore': 'secret.sh\n',
  'roles/common/files/secret.sh': '#!/bin/sh\n',
  'roles/common/files/setup.sh': '#!/bin/sh\n',
  'netplan/60-eth1.yaml': 'network: {version: 2}\n',
  'scripts/bootstrap': '#!/usr/bin/env bash\necho hi\n',
  'scripts/notes': 'just text\n',
  'README.md': '# readme\n',
  'build/out.yml': 'z: 1\n',
  'node_modules/pkg/x.yml': 'z: 1\n',
  '.vagrant/machines/x.yml': 'z: 1\n',
  'collections/ansible_collections/ns/col/roles/r/tasks/main.yml': '- debug: msg=x\n',
  'venv/lib/x.yml': 'z: 1\n',
  'legacy/old.yml': '- hosts: all\n',
};
for (const [path, text] of Object.entries(files)) {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), text);
}

describe('discover', () => {
  it('finds the files lint reads, honouring .gitignore at every level and skipping vendored folders', () => {
    const found = discover(['.'], { cwd: root, exclude: ['legacy/'], excludeBase: root });
    expect(found.map((f) => `${f.path} ${f.kind}`)).toEqual([
      'Vagrantfile vagrantfile',
      'group_vars/all vars',
      'host_vars/node1.yml vars',
      'inventory/group_vars/all.yml vars',
      'inventory/hosts inventory',
      'netplan/60-eth1.yaml netplan',
      'roles/common/defaults/main.yml vars',
      'roles/common/files/setup.sh shell',
      'roles/common/handlers/main.yml tasks',
      'roles/common/tasks/main.yml tasks',
      'roles/common/templates/kubeadm.yaml.j2 template',
      'roles/common/vars/main.yml vars',
      'scripts/bootstrap maybe-shell',
      'scripts/notes maybe-shell',
      'site.yml yaml-unknown',
    ]);
  });

  it('reads a file named on the command line even when ignored', () => {
    const found = discover(['build/out.yml'], { cwd: root, exclude: [], excludeBase: root });
    expect(found.map((f) => f.path)).toEqual(['build/out.yml']);
  });

  it('a missing path is bad input', () => {
    expect(() => discover(['nope'], { cwd: root, exclude: [], excludeBase: root })).toThrow(K8sdiagError);
  });
});
