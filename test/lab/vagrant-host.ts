/**
 * The Vagrant host side of a lab, for the host checks (host-box-arch, host-only-range): a project
 * directory with a Vagrantfile that defines the lab's nodes on their private addresses and the saved
 * `vagrant ssh-config` for them (what `k8sdiag run --vagrant FILE` reads), and a way to run k8sdiag
 * with a chosen /etc/vbox/networks.conf.
 *
 * networks.conf is a fixed path on the host. It is never written there: k8sdiag runs in a private
 * mount namespace with an overlay on /etc (as every lab node has) whose upper layer holds vbox/
 * networks.conf, or a whiteout (character device 0:0) that hides any real one. The overlay goes with
 * the namespace when k8sdiag exits. VirtualBox itself is not involved: the check reads that file and
 * the Vagrantfile, nothing else.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CLI } from './guard.ts';
import type { Lab } from './lab.ts';
import { must, q, type RunResult, runAsync } from './sh.ts';

export interface VagrantProject {
  dir: string;
  vagrantfile: string;
  /** `vagrant ssh-config` output for the nodes, saved next to the Vagrantfile. */
  sshConfig: string;
}

/** A VirtualBox Vagrantfile defining each node with its private_network address (one literal per line). */
export function vagrantfileText(nodes: ReadonlyArray<{ name: string; privateIp: string }>): string {
  const lines = [
    '# -*- mode: ruby -*-',
    'Vagrant.configure("2") do |config|',
    '  config.vm.box = "bento/ubuntu-24.04"',
    '  config.vm.provider "virtualbox" do |vb|',
    '    vb.memory = 2048',
    '  end',
  ];
  for (const node of nodes) {
    lines.push(
      `  config.vm.define "${node.name}" do |node|`,
      `    node.vm.hostname = "${node.name}"`,
      `    node.vm.network "private_network", ip: "${node.privateIp}"`,
      '  end',
    );
  }
  lines.push('end', '');
  return lines.join('\n');
}

/** Writes the project for `names` (default: every node of the lab) under the lab's directory. */
export function vagrantProject(lab: Lab, names?: readonly string[]): VagrantProject {
  const nodes = lab.spec.nodes.filter((n) => names === undefined || names.includes(n.name));
  const dir = join(lab.dir, 'vagrant-project');
  mkdirSync(dir, { recursive: true });
  const vagrantfile = join(dir, 'Vagrantfile');
  writeFileSync(vagrantfile, vagrantfileText(nodes));
  // The shape `vagrant ssh-config` prints (Vagrant 2.4, VirtualBox provider), one block per machine.
  const sshConfig = join(dir, 'vagrant-ssh.conf');
  writeFileSync(
    sshConfig,
    nodes
      .map((n) =>
        [
          `Host ${n.name}`,
          `  HostName ${n.privateIp}`,
          '  User vagrant',
          '  Port 22',
          '  UserKnownHostsFile /dev/null',
          '  StrictHostKeyChecking no',
          '  PasswordAuthentication no',
          `  IdentityFile ${lab.client.key}`,
          '  IdentitiesOnly yes',
          '  LogLevel FATAL',
          '  PubkeyAcceptedKeyTypes +ssh-rsa',
          '  HostKeyAlgorithms +ssh-rsa',
          '',
        ].join('\n'),
      )
      .join('\n'),
  );
  return { dir, vagrantfile, sshConfig };
}

/**
 * `k8sdiag <args>` in the lab's hub namespace (as ../e2e/support.ts `k8sdiag`), in a private mount
 * namespace where /etc/vbox/networks.conf holds `networksConf`, or does not exist when it is undefined.
 */
export function k8sdiagWithVboxNetworks(
  lab: Lab,
  networksConf: string | undefined,
  args: readonly string[],
  deadlineMs: number,
): Promise<RunResult & { killedByDeadline: boolean }> {
  const layer = mkdtempSync(join(lab.dir, 'etc-overlay-'));
  const upper = join(layer, 'upper');
  const work = join(layer, 'work');
  mkdirSync(join(upper, 'vbox'), { recursive: true });
  mkdirSync(work);
  const conf = join(upper, 'vbox/networks.conf');
  if (networksConf === undefined) must('mknod', [conf, 'c', '0', '0']);
  else writeFileSync(conf, networksConf);
  const script = [
    'set -e',
    `mount -t overlay k8sdiag-lab-etc -o ${q(`lowerdir=/etc,upperdir=${upper},workdir=${work}`)} /etc`,
    `exec ip netns exec ${q(lab.hub)} ${q(process.execPath)} ${q(CLI)} "$@"`,
  ].join('\n');
  return runAsync('unshare', ['--mount', '--propagation', 'private', 'sh', '-c', script, 'k8sdiag', ...args], {
    deadlineMs,
    env: { PATH: process.env['PATH'] ?? '/usr/bin:/bin', HOME: '/root', NO_COLOR: '1', LANG: 'C.UTF-8' },
  });
}
