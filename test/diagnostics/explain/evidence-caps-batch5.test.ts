/**
 * Evidence in the runbooks' frontmatter (and one normalisation) from the batch 5 misses and false
 * alarms: what keeps a deciding line from deciding, what decides that did not, and what points a weak
 * answer the right way. The texts are minimal reproductions written here, not corpus texts.
 */
import { describe, expect, it } from 'vitest';
import { explain } from '../../../src/diagnostics/explain/explain';
import { runbookEntries as entries } from '../../../src/diagnostics/runbooks/runbook-data';
import { answer } from './answer';

describe('explain: batch 5 causes of confident false alarms', () => {
  it.each([
    [
      'exec-format-error',
      '$ kubectl-images\nbash: /usr/local/bin/kubectl-images: cannot execute binary file: Exec format error',
      [
        // file(1) says the file that failed is an archive that was never unpacked, not an ELF for another CPU.
        '$ kubectl-images\nbash: /usr/local/bin/kubectl-images: cannot execute binary file: Exec format error\n$ file /usr/local/bin/kubectl-images\n/usr/local/bin/kubectl-images: current ar archive',
        'bash: ./crictl: cannot execute binary file: Exec format error\n$ file crictl\ncrictl: gzip compressed data, from Unix, original size modulo 2^32 37427200',
      ],
    ],
    [
      'iptables-flush-lockout',
      'after iptables -F ssh hangs\n# iptables -P INPUT DROP',
      [
        // A chain name and a target in a path or a rule name are not a chain policy.
        'ssh hangs after the firewall update\nsed -i s/DROP/DROP-log/g /etc/iptables.d/900-INPUT-drop',
        'ssh hangs after the firewall update\niptables -A INPUT -p tcp --dport 22 -j DROP',
      ],
    ],
  ])('%s: decides alone, not with the evidence that leaves it open', (id, decides, capped) => {
    expect(answer(decides)).toEqual({ id, confident: true });
    for (const text of capped) expect(answer(text).confident, text).toBe(false);
  });

  it("iptables-save's policy line decides like -P", () => {
    expect(answer('ssh to the node times out\n# iptables-save\n*filter\n:INPUT DROP [0:0]')).toEqual({
      id: 'iptables-flush-lockout',
      confident: true,
    });
  });
});

describe('explain: batch 5 evidence that was missing', () => {
  it("calico-node's autodetected NAT address decides the CNI runbook and rules out the kubelet's", () => {
    const line = '[INFO][9] startup.go 483: Using autodetected IPv4 address on interface eth0: 10.0.2.15/24';
    expect(answer(line)).toEqual({ id: 'cni-nat-interface', confident: true });
    // the CNI's own choice of address, like Flannel's 'Using interface with name': not the kubelet's
    const found = explain({
      text: `kubeadm join 10.0.2.15:6443 --token x\n${line}`,
      lang: 'en',
      entries,
      url: (id) => id,
    });
    expect(found.find((f) => f.id === 'ansible-default-ipv4-nat')?.ruledOutBy).toContain('Using autodetected');
    // another interface and address: Calico's autodetection, not the NAT adapter
    expect(
      answer('[INFO][9] startup.go 483: Using autodetected IPv4 address on interface br-d710e33f6c1a: 172.18.0.1/16')
        .confident,
    ).toBe(false);
  });

  it("calicoctl's detected address supports the CNI runbook", () => {
    expect(answer('$ sudo calicoctl node\nNo IP provided. Using detected IP: 10.1.42.1')).toEqual({
      id: 'cni-nat-interface',
      confident: false,
    });
  });

  it('a description of calico-node autodetecting 10.0.2.15 points to the CNI runbook (both languages)', () => {
    expect(
      answer('calico-node autodetected IPv4 address 10.0.2.15 on every node, cross-node pods cannot talk').id,
    ).toBe('cni-nat-interface');
    expect(answer('calico-node가 모든 노드에서 10.0.2.15 주소를 autodetect 했어요').id).toBe('cni-nat-interface');
  });

  it('runc refusing a cgroupfs path on the systemd driver decides the cgroup-driver mismatch', () => {
    expect(
      answer(
        'level=error msg="RunPodSandbox for &PodSandboxMetadata{Name:etcd-cp1} failed" error="failed to create containerd task: OCI runtime create failed: expected cgroupsPath to be of format \\"slice:prefix:name\\" for systemd cgroups, got \\"/kubepods/burstable/pod1\\" instead: unknown"',
      ),
    ).toEqual({ id: 'cgroup-driver-mismatch', confident: true });
  });
});
