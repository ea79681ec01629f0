/**
 * The lab itself: it comes up as specified, touches nothing in the host's network namespace, and
 * its teardown is complete and idempotent, including after the process that built it was killed.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { REPO_ROOT } from './assets.ts';
import { hubNs, labDir, labId, nodeNs } from './config.ts';
import { describeLab } from './describe-lab.ts';
import { down, type Lab, status, up } from './lab.ts';
import { healthy } from './scenarios/index.ts';
import { attempt, must } from './sh.ts';
import { snapshotLab } from './snapshot.ts';

const hostNetwork = (): string =>
  ['link', 'addr', 'route', 'rule']
    .map((what) => must('ip', ['-o', what, 'show']).replace(/^\d+: /gm, ''))
    .join('\n---\n');

const inNode = (lab: Lab, node: string, command: string): string =>
  must('ip', ['netns', 'exec', lab.hub, 'ssh', '-F', lab.client.sshConfig, `vagrant@${nodeIp(lab, node)}`, command]);

const nodeIp = (lab: Lab, node: string): string => {
  const found = lab.nodes.find((n) => n.spec.name === node);
  if (!found) throw new Error(`no node ${node}`);
  return found.spec.privateIp;
};

describeLab('test lab', () => {
  const id = labId('labtest');
  afterAll(() => {
    down(id);
  });

  it('comes up as specified and leaves the host namespace untouched', async () => {
    const before = hostNetwork();
    const lab = await up(healthy(id, 3));
    expect(hostNetwork()).toBe(before);
    expect(lab.nodes.map((n) => n.ns)).toEqual(['k8s-master', 'k8s-worker1', 'k8s-worker2'].map((n) => nodeNs(id, n)));

    // Each node: its own hostname, addresses, default route, firewall, users, files and processes.
    const out = inNode(
      lab,
      'k8s-worker1',
      'hostname; ip -o -4 addr show | awk \'{print $2, $4}\'; ip route show default; id; sudo -n iptables -S INPUT | head -n 1; ps -eo comm= | sort | tr "\\n" " "; echo; ls /tmp | wc -l',
    );
    const lines = out.trim().split('\n');
    expect(lines[0]).toBe('k8s-worker1');
    expect(lines).toContain('eth0 203.0.113.15/24');
    expect(lines).toContain('eth1 198.51.100.11/24');
    expect(out).toMatch(/^default via 203\.0\.113\.2 dev eth0 proto dhcp src 203\.0\.113\.15 metric 100 $/m);
    expect(out).toMatch(/^uid=\d+\(vagrant\) gid=\d+\(vagrant\) groups=\d+\(vagrant\)$/m);
    expect(out).toContain('-P INPUT ACCEPT');
    expect(out).toMatch(/kube-proxy .*kubelet .*sshd/);
    expect(out).not.toContain('kube-apiserver');
    expect(lines.at(-1)).toBe('0');
    // The vagrant user and the node's hostname exist nowhere on the host.
    expect(attempt('id', ['vagrant']).code).not.toBe(0);
    // Workers reach the control plane's TLS listener on 6443.
    expect(inNode(lab, 'k8s-worker2', 'curl -sk --max-time 5 https://198.51.100.10:6443/healthz')).toBe('ok');
    // The NAT-like address is the same on every node, each on its own link: it answers locally only.
    expect(inNode(lab, 'k8s-master', "ip -o -4 addr show dev eth0 | awk '{print $4}'").trim()).toBe('203.0.113.15/24');
  });

  it('snapshots see writes and only writes (the read-only proof can fail)', async () => {
    const lab = await up(healthy(id, 2));
    const first = snapshotLab(lab);
    // Reading, as root too, changes nothing the snapshot sees.
    inNode(
      lab,
      'k8s-worker1',
      'cat /etc/passwd >/dev/null; sudo -n iptables-save >/dev/null; ls -la ~ /etc/kubernetes >/dev/null',
    );
    const second = snapshotLab(lab);
    expect(second).toEqual(first);
    // A firewall change and a file written: both seen.
    inNode(
      lab,
      'k8s-worker1',
      'sudo -n iptables -A INPUT -p tcp --dport 1 -j ACCEPT; sudo -n touch /etc/kubernetes/was-here',
    );
    const third = snapshotLab(lab);
    expect(third.get('k8s-master')).toEqual(first.get('k8s-master'));
    const before = first.get('k8s-worker1');
    const after = third.get('k8s-worker1');
    expect(after?.kernel).not.toBe(before?.kernel);
    expect(after?.kernel).toContain('-A INPUT -p tcp -m tcp --dport 1 -j ACCEPT');
    expect(after?.files.filter((line) => !before?.files.includes(line)).join('\n')).toMatch(
      /etc\/kubernetes\/was-here/,
    );
  });

  it('tears down completely, idempotently', () => {
    const report = down(id);
    expect(report.namespaces).toContain(hubNs(id));
    expect(report.killed.length).toBeGreaterThan(3);
    expect(existsSync(labDir(id))).toBe(false);
    const after = status();
    expect(after.namespaces.filter((n) => n.startsWith(`k8sdiag-lab-${id}-`))).toEqual([]);
    expect(after.processes.filter((p) => p.command.includes(`/${id}/`))).toEqual([]);
    expect(down(id).namespaces).toEqual([]);
  });

  it('cleans up after the process that built the lab was killed with SIGKILL', async () => {
    const killedId = labId('labkill');
    // A driver that brings a lab up and then hangs, as a test runner would if it got stuck;
    // SIGKILL gives its exit handlers no chance, so the lab is left behind for `down` to find.
    const driver = [
      `const { up } = await import(${JSON.stringify(join(REPO_ROOT, 'test/lab/lab.ts'))});`,
      `const { healthy } = await import(${JSON.stringify(join(REPO_ROOT, 'test/lab/scenarios/index.ts'))});`,
      `await up(healthy(${JSON.stringify(killedId)}, 2));`,
      "process.stdout.write('ready\\n');",
      'setInterval(() => {}, 1000);',
    ].join('\n');
    const child = spawn(
      process.execPath,
      ['--disable-warning=ExperimentalWarning', '--input-type=module', '-e', driver],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        if (chunk.toString().includes('ready')) resolve();
      });
      child.on('exit', (code) => reject(new Error(`driver exited ${code}`)));
    });
    child.kill('SIGKILL');
    await new Promise((resolve) => child.on('exit', resolve));
    const left = status();
    expect(left.namespaces).toContain(hubNs(killedId));
    expect(left.processes.some((p) => p.command.startsWith('sshd:'))).toBe(true);

    const cli = join(REPO_ROOT, 'test/lab/cli.ts');
    const result = spawnSync(
      process.execPath,
      ['--disable-warning=ExperimentalWarning', cli, 'down', '--id', killedId],
      {
        encoding: 'utf8',
      },
    );
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/removed 3 namespaces, stopped \d+ processes/);
    expect(result.stdout).toContain(`lab ${killedId} status: clean`);
    expect(status().namespaces.filter((n) => n.includes(killedId))).toEqual([]);
  });
});
