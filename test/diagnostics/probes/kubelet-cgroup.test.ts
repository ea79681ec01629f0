import { describe, expect, it } from 'vitest';
import { parseKubeletCgroup } from '../../../src/diagnostics/probes/kubelet-cgroup';
import { fixtureLines, out } from './fixture';

const CONFIG = '/var/lib/kubelet/config.yaml';

describe('parseKubeletCgroup', () => {
  it.each([
    [
      'cgroup-driver-mismatch/default-config-kubeadm-systemd.kubelet-cgroup',
      { driver: 'systemd', source: `${CONFIG}:5:cgroupDriver: systemd` },
    ],
    [
      'cgroup-driver-mismatch/systemd-containerd-cgroupfs-kubelet.kubelet-cgroup',
      { driver: 'cgroupfs', source: `${CONFIG}:5:cgroupDriver: cgroupfs` },
    ],
    [
      'cgroup-driver-mismatch/kubelet-default-driver.kubelet-cgroup',
      { driver: 'cgroupfs', source: `${CONFIG}: no cgroupDriver key (the kubelet's default is cgroupfs)` },
    ],
    ['cgroup-driver-mismatch/not-joined.kubelet-cgroup', null],
  ])('reads %s', (path, value) => {
    expect(parseKubeletCgroup(fixtureLines(path))).toEqual({ ok: true, value });
  });

  it('lets a command-line flag win over config.yaml', () => {
    const text = `### config ${CONFIG}\n| 5:cgroupDriver: cgroupfs\n### flags /var/lib/kubelet/kubeadm-flags.env\n| 1:--cgroup-driver=systemd\n### end`;
    expect(parseKubeletCgroup(out(text))).toEqual({
      ok: true,
      value: { driver: 'systemd', source: '/var/lib/kubelet/kubeadm-flags.env:1:--cgroup-driver=systemd' },
    });
  });

  it.each([
    [
      'an unknown driver',
      `### config ${CONFIG}\n| 5:cgroupDriver: cgroupv2\n### end`,
      'expected "cgroupDriver: systemd|cgroupfs"',
      '5:cgroupDriver: cgroupv2',
      2,
    ],
    [
      'text before the first marker',
      'Permission denied\n### end',
      'output before the first marker',
      'Permission denied',
      1,
    ],
    ['no end marker', `### config ${CONFIG}`, 'no end marker (output cut short?)', `### config ${CONFIG}`, 1],
  ])('rejects %s', (_name, text, what, line, no) => {
    expect(parseKubeletCgroup(out(text))).toEqual({ ok: false, what, line, no });
  });
});
