import check from '../../../src/diagnostics/checks/cgroup-driver-mismatch';
import { runCases, section } from './tester';

const real = (name: string) => ({
  'containerd-config': `cgroup-driver-mismatch/${name}`,
  'kubelet-cgroup': `cgroup-driver-mismatch/${name}`,
});

runCases(check, {
  valid: [
    {
      name: 'SystemdCgroup = true and kubeadm cgroupDriver: systemd (real files)',
      sections: real('systemd-both'),
      message: /both use the systemd/,
    },
  ],
  invalid: [
    {
      name: 'containerd config default (SystemdCgroup = false) with kubeadm systemd kubelet (real)',
      sections: real('default-config-kubeadm-systemd'),
      expect: {
        status: 'fail',
        message: /kubelet uses the systemd .* containerd's runc uses cgroupfs/,
        evidence: [/cgroupDriver: systemd/, /SystemdCgroup = false/],
        fix: /SystemdCgroup = true/,
      },
    },
    {
      name: 'no containerd config file: built-in default cgroupfs (real)',
      sections: real('no-config-file-kubeadm-systemd'),
      expect: { status: 'fail', evidence: [/no \/etc\/containerd\/config\.toml/] },
    },
    {
      name: 'containerd systemd, kubelet cgroupfs (real)',
      sections: real('systemd-containerd-cgroupfs-kubelet'),
      expect: { status: 'fail', message: /kubelet uses the cgroupfs .* uses systemd/, fix: /cgroupDriver: systemd/ },
    },
    {
      name: 'kubelet config without cgroupDriver: the kubelet default cgroupfs matches containerd default (real)',
      sections: real('kubelet-default-driver'),
      expect: { status: 'pass', evidence: [/no cgroupDriver key/] },
    },
    {
      name: 'node not joined yet: no kubelet config (real)',
      sections: real('not-joined'),
      expect: { status: 'skip', message: /kubeadm init\/join has not run/ },
    },
    {
      name: 'containerd 2.x config version 3 layout with SystemdCgroup = true (hand-made, containerd docs/cri/config.md)',
      sections: {
        'kubelet-cgroup': 'cgroup-driver-mismatch/systemd-both',
        'containerd-config': section(
          "### version containerd containerd.io v2.1.4\n### file /etc/containerd/config.toml\n| version = 3\n| [plugins.'io.containerd.cri.v1.runtime'.containerd.runtimes.runc.options]\n|   SystemdCgroup = true\n### end\n",
        ),
      },
      expect: { status: 'pass' },
    },
    {
      name: 'a --cgroup-driver flag wins over the config file (hand-made kubeadm-flags.env)',
      sections: {
        'containerd-config': 'cgroup-driver-mismatch/systemd-both',
        'kubelet-cgroup': section(
          '### config /var/lib/kubelet/config.yaml\n| 5:cgroupDriver: systemd\n### flags /var/lib/kubelet/kubeadm-flags.env\n| 1:--cgroup-driver=cgroupfs\n### end\n',
        ),
      },
      expect: { status: 'fail', evidence: [/kubeadm-flags\.env:1:--cgroup-driver=cgroupfs/] },
    },
    {
      name: 'an odd cgroupDriver value',
      sections: {
        'containerd-config': 'cgroup-driver-mismatch/systemd-both',
        'kubelet-cgroup': section('### config /var/lib/kubelet/config.yaml\n| 5:cgroupDriver: sytemd\n### end\n'),
      },
      expect: { status: 'error', message: /expected "cgroupDriver: systemd\|cgroupfs"/ },
    },
  ],
});
