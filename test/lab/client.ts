/**
 * The client's side of a lab (what k8sdiag, parallel-ssh and Ansible are given): the private key,
 * known_hosts with every node's real host key (or, for a "changed host key" node, an unrelated key),
 * an Ansible INI inventory, a parallel-ssh hosts file and an OpenSSH client config.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { KeyFiles } from './keys.ts';
import type { LabSpec } from './spec.ts';

export interface ClientFiles {
  dir: string;
  key: string;
  knownHosts: string;
  inventory: string;
  psshHosts: string;
  sshConfig: string;
  /** `vagrant@198.51.100.10` ... in node order: what `k8sdiag run --host` takes. */
  hosts: string[];
}

export function writeClientFiles(input: {
  spec: LabSpec;
  dir: string;
  keys: KeyFiles;
  hostKeyPubs: readonly string[];
}): ClientFiles {
  const { spec, dir, keys } = input;
  const knownHosts = join(dir, 'known_hosts');
  const lines = spec.nodes.map((node, i) => {
    const path = input.hostKeyPubs[i];
    if (path === undefined) throw new Error(`no host key for ${node.name}`);
    const real = readFileSync(path, 'utf8').trim().split(' ').slice(0, 2).join(' ');
    const key = node.knownHost === 'changed' ? keys.intruderPub.split(' ').slice(0, 2).join(' ') : real;
    return `${node.privateIp} ${key}`;
  });
  writeFileSync(knownHosts, `${lines.join('\n')}\n`, { mode: 0o644 });

  const sshConfig = join(dir, 'ssh_config');
  writeFileSync(
    sshConfig,
    [
      '# k8sdiag lab client configuration (used by parallel-ssh and Ansible in the benchmark).',
      'Host 198.51.100.*',
      '  User vagrant',
      `  IdentityFile ${keys.clientKey}`,
      '  IdentitiesOnly yes',
      `  UserKnownHostsFile ${knownHosts}`,
      '  StrictHostKeyChecking yes',
      '  BatchMode yes',
      '  ConnectTimeout 10',
      '',
    ].join('\n'),
  );

  const inventory = join(dir, 'inventory.ini');
  const cps = spec.nodes.filter((n) => n.role === 'control-plane');
  const workers = spec.nodes.filter((n) => n.role === 'worker');
  writeFileSync(
    inventory,
    [
      '# k8sdiag lab inventory',
      '[control_plane]',
      ...cps.map((n) => `${n.name} ansible_host=${n.privateIp}`),
      '',
      '[workers]',
      ...workers.map((n) => `${n.name} ansible_host=${n.privateIp}`),
      '',
      '[k8s_cluster:children]',
      'control_plane',
      'workers',
      '',
      '[all:vars]',
      'ansible_user=vagrant',
      `ansible_ssh_private_key_file=${keys.clientKey}`,
      `ansible_ssh_common_args='-o UserKnownHostsFile=${knownHosts} -o StrictHostKeyChecking=yes'`,
      'ansible_python_interpreter=/usr/bin/python3',
      `k8s_version=${JSON.stringify(spec.k8sVersion)}`,
      '',
    ].join('\n'),
  );

  const hosts = spec.nodes.map((n) => `vagrant@${n.privateIp}`);
  const psshHosts = join(dir, 'pssh-hosts');
  writeFileSync(psshHosts, `${hosts.join('\n')}\n`);
  return { dir, key: keys.clientKey, knownHosts, inventory, psshHosts, sshConfig, hosts };
}
