/**
 * The kubelet and containerd manage cgroups with different drivers. kubeadm has configured the
 * kubelet for `systemd` since v1.22, while containerd's runc uses cgroupfs unless its config says
 * `SystemdCgroup = true` (the default config says false). The node comes up, then the control-plane
 * pods restart every few minutes and the API server comes and goes.
 */

import { containerdConfigProbe, readContainerdConfig } from '../probes/containerd';
import { type CgroupDriver, kubeletCgroupProbe, parseKubeletCgroup } from '../probes/kubelet-cgroup';
import { type CheckSpecMeta, defineCheck } from './support/define';
import { unexpected } from './support/findings';
import { openBlocks } from './support/open-blocks';

const meta: CheckSpecMeta = {
  id: 'cgroup-driver-mismatch',
  title: 'The kubelet and containerd use the same cgroup driver',
  titleKo: 'kubelet과 containerd가 같은 cgroup 드라이버를 쓴다',
  runbook: 'cgroup-driver-mismatch',
  severity: 'error',
  roles: ['control-plane', 'worker'],
};

const CONFIG = containerdConfigProbe.name;
const KUBELET = kubeletCgroupProbe.name;

export default defineCheck({
  meta,
  probes: [containerdConfigProbe, kubeletCgroupProbe],
  analyze: ({ r, open }) => {
    const kubelet = open(KUBELET);
    if (!kubelet.ok) return [kubelet.finding];
    const k = parseKubeletCgroup(kubelet.value.lines);
    if (!k.ok) return [unexpected(r, KUBELET, k.what, k.line, k.no)];
    if (k.value === null) {
      return [
        r.skip('the kubelet has no /var/lib/kubelet/config.yaml yet (kubeadm init/join has not run on this node)'),
      ];
    }
    const kubeletDriver = k.value.driver;
    const kubeletEvidence = k.value.source;

    const config = open(CONFIG);
    if (!config.ok) return [config.finding];
    const c = openBlocks(r, CONFIG, config.value.lines);
    if (!c.ok) return [c.finding];
    if (c.blocks.some((b) => b.marker === 'missing' && b.args === 'containerd')) {
      return [r.skip('containerd is not installed on this node; this check reads containerd only')];
    }
    const file = c.blocks.find((b) => b.marker === 'file');
    let runtimeDriver: CgroupDriver = 'cgroupfs';
    let keySet = false;
    let runtimeEvidence =
      'no /etc/containerd/config.toml: containerd runs on its built-in defaults (SystemdCgroup = false)';
    if (file !== undefined) {
      const parsed = readContainerdConfig(file.quoted.map((line) => line.text).join('\n'));
      if (!parsed.ok)
        return [r.skip(`${file.args} is not valid TOML (line ${parsed.line}); see containerd-cri-disabled`)];
      if (parsed.value.systemdCgroup === true) runtimeDriver = 'systemd';
      keySet = parsed.value.systemdCgroup !== undefined;
      const key = parsed.value.systemdCgroupAt?.split('.').pop() ?? 'SystemdCgroup';
      const at = file.quoted.find((line) => new RegExp(`^\\s*${key}\\s*=`).test(line.text));
      runtimeEvidence = at
        ? `${file.args}: ${at.text.trim()}`
        : `${file.args}: runc's SystemdCgroup is not set (default false: cgroupfs)`;
    }
    const evidence = [kubeletEvidence, runtimeEvidence];
    if (kubeletDriver === runtimeDriver) {
      return [r.pass(`the kubelet and containerd both use the ${kubeletDriver} cgroup driver`, { evidence })];
    }
    return [
      r.fail(
        `the kubelet uses the ${kubeletDriver} cgroup driver but containerd's runc uses ${runtimeDriver}: control-plane pods get restarted and the API server flaps`,
        {
          evidence,
          fix:
            kubeletDriver !== 'systemd'
              ? 'set cgroupDriver: systemd in /var/lib/kubelet/config.yaml (or in the kubeadm KubeletConfiguration) to match containerd, then sudo systemctl restart kubelet'
              : keySet
                ? "sudo sed -i 's/SystemdCgroup = false/SystemdCgroup = true/' /etc/containerd/config.toml && sudo systemctl restart containerd kubelet"
                : "SystemdCgroup is not in the file: write a full config first (containerd config default | sudo tee /etc/containerd/config.toml), then sudo sed -i 's/SystemdCgroup = false/SystemdCgroup = true/' /etc/containerd/config.toml && sudo systemctl restart containerd kubelet",
        },
      ),
    ];
  },
});
