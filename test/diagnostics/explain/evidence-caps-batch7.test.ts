/**
 * Evidence in the runbooks' frontmatter from the batch 7 misses and false alarms: what keeps a deciding
 * line from deciding, and what points a weak answer the right way. The texts are minimal reproductions
 * written here, not corpus texts.
 */
import { describe, expect, it } from 'vitest';
import { explain } from '../../../src/diagnostics/explain/explain';
import { runbookEntries } from '../../../src/diagnostics/runbooks/runbook-data';
import { answer } from './answer';

describe('explain: batch 7 causes of confident wrong answers and false alarms', () => {
  it.each([
    [
      'vbox-hostonly-range',
      [
        'Command: ["hostonlyif", "ipconfig", "vboxnet3", "--ip", "192.168.60.1", "--netmask", "255.255.255.0"]',
        'VBoxManage: error: Code E_ACCESSDENIED (0x80070005) - Access denied (extended info not available)',
        'VBoxManage: error: Details: code E_ACCESSDENIED (0x80070005), component HostNetworkInterfaceWrap, interface IHostNetworkInterface, callee nsISupports',
      ].join('\n'),
      // Access denied by the VM object (not the host-only interface): another failure of VBoxManage.
      [
        'Command: ["showvminfo", "0b1c", "--machinereadable"]\nVBoxManage: error: Details: code E_ACCESSDENIED (0x80070005), component SessionMachine, interface IMachine, callee nsISupports',
        'VBoxManage: error: Code E_ACCESSDENIED (0x80070005)\nVBoxManage: error: Details: code E_ACCESSDENIED (0x80070005), component Console, interface IConsole',
      ],
    ],
    [
      'apt-stale-cache',
      'Err:7 http://archive.ubuntu.com/ubuntu jammy-updates/main amd64 curl amd64 7.81.0-1ubuntu1.4\n  404  Not Found [IP: 91.189.91.39 80]\nE: Failed to fetch http://archive.ubuntu.com/ubuntu/pool/main/c/curl/curl_7.81.0-1ubuntu1.4_amd64.deb  404  Not Found [IP: 91.189.91.39 80]',
      // A whole suite gone (end of life, moved to an archive): not a stale index of a live mirror.
      [
        "Err:5 http://deb.debian.org/debian stretch Release\n  404  Not Found [IP: 151.101.2.132 80]\nE: The repository 'http://deb.debian.org/debian stretch Release' does not have a Release file.",
      ],
    ],
    [
      'pod-cidr-overlap',
      'sudo kubeadm init --apiserver-advertise-address=192.168.56.10 --pod-network-cidr=192.168.0.0/16',
      // init stopped at pulling its images: the CNI and its pool never came into play.
      [
        'kubeadm init --pod-network-cidr=192.168.0.0/16\n[ERROR ImagePull]: failed to pull image registry.k8s.io/pause:3.9: output: dial tcp 34.96.108.209:443: i/o timeout',
      ],
    ],
    [
      'exec-format-error',
      '/usr/local/bin/kubeadm: cannot execute binary file: Exec format error',
      // A container's entrypoint (a relative path too): a single-architecture image, not a downloaded binary.
      ['pod logs on the arm64 nodes:\nexec ./app: exec format error'],
    ],
    [
      'containerd-cri-disabled',
      'E0110 remote_runtime.go:222] "Status from runtime service failed" err="rpc error: code = Unimplemented desc = unknown service runtime.v1.RuntimeService"',
      // The kubelet was just upgraded (or downgrading it helps): a containerd too old for CRI v1 says the same.
      [
        'after upgrading the kubelet to 1.27 on the workers:\nerr="rpc error: code = Unimplemented desc = unknown service runtime.v1.RuntimeService"',
      ],
    ],
  ])('%s: decides alone, not with the line that says it is another failure', (id, decides, capped) => {
    expect(answer(decides)).toEqual({ id, confident: true });
    for (const text of capped) {
      const found = answer(text);
      expect(found.id === id && found.confident, text).toBe(false);
    }
  });
});

describe('explain: batch 7 evidence that was missing', () => {
  it('decides cgroup-driver-mismatch on Docker refusing a cgroupfs parent under its systemd driver', () => {
    const text =
      'Failed create pod sandbox: rpc error: code = Unknown desc = failed to create a sandbox for pod "coredns-5d78c9869d-abcde": Error response from daemon: cgroup-parent for systemd cgroup should be a valid slice named as "xxx.slice"';
    expect(answer(text)).toEqual({ id: 'cgroup-driver-mismatch', confident: true });
  });

  it.each([
    [
      'kubeadm-join-hangs',
      'TASK [join workers] sits there\nkubelet[812]: E0102 failed to run Kubelet: unable to load bootstrap kubeconfig: stat /etc/kubernetes/bootstrap-kubelet.conf: no such file or directory',
    ],
  ])('points a weak answer to %s', (id, text) => {
    expect(answer(text).id, text).toBe(id);
  });

  it("reads flannel taking the NAT address as every VM's public ip as cni-nat-interface, clearly ahead", () => {
    const text =
      'Two coreos VMs under vagrant: both had "10.0.2.15" and flannel used that as its public ip and identity, so both VMs tried to use the same subnet range.\nWorked after passing -iface=$private_ipv4';
    const [first, second] = explain({ text, lang: 'en', entries: runbookEntries, url: (id) => id });
    expect(first?.id).toBe('cni-nat-interface');
    expect((first?.confidence ?? 0) - (second?.confidence ?? 0)).toBeGreaterThan(0.1);
  });
});
