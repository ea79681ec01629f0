/**
 * The kubelet and containerd manage cgroups with different drivers. kubeadm has configured the
 * kubelet for `systemd` since v1.22, while containerd's runc uses cgroupfs unless its config says
 * `SystemdCgroup = true` (the default config says false). The node comes up, then the control-plane
 * pods restart every few minutes and the API server comes and goes.
 */

import { containerdConfigProbe, readContainerdConfig } from '../probes/containerd';
import { kubeletCgroupProbe } from '../probes/kubelet-cgroup';
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

type Driver = 'systemd' | 'cgroupfs';

function driverWord(text: string): Driver | undefined {
  const word = text.replace(/["']/g, '').trim().toLowerCase();
  return word === 'systemd' || word === 'cgroupfs' ? word : undefined;
}

export default defineCheck({
  meta,
  probes: [containerdConfigProbe, kubeletCgroupProbe],
  analyze: ({ r, open }) => {
    const kubelet = open(KUBELET);
    if (!kubelet.ok) return [kubelet.finding];
    const k = openBlocks(r, KUBELET, kubelet.value.lines);
    if (!k.ok) return [k.finding];
    const configBlock = k.blocks.find((b) => b.marker === 'config');
    if (configBlock === undefined) {
      return [
        r.skip('the kubelet has no /var/lib/kubelet/config.yaml yet (kubeadm init/join has not run on this node)'),
      ];
    }
    let kubeletDriver: Driver = 'cgroupfs'; // KubeletConfiguration's own default when the key is absent
    let kubeletEvidence = `${configBlock.args}: no cgroupDriver key (the kubelet's default is cgroupfs)`;
    const set = configBlock.quoted[0];
    if (set !== undefined) {
      const value = driverWord(set.text.replace(/^\d+:\s*cgroupDriver:\s*/, ''));
      if (value === undefined)
        return [unexpected(r, KUBELET, 'expected "cgroupDriver: systemd|cgroupfs"', set.text, set.no)];
      kubeletDriver = value;
      kubeletEvidence = `${configBlock.args}:${set.text}`;
    }
    for (const flags of k.blocks.filter((b) => b.marker === 'flags')) {
      const flag = flags.quoted[0];
      const value = flag ? driverWord(flag.text.replace(/^\d+:--cgroup-driver[= ]/, '')) : undefined;
      if (flag && value) {
        kubeletDriver = value; // a command-line flag wins over the config file
        kubeletEvidence = `${flags.args}:${flag.text}`;
      }
    }

    const config = open(CONFIG);
    if (!config.ok) return [config.finding];
    const c = openBlocks(r, CONFIG, config.value.lines);
    if (!c.ok) return [c.finding];
    if (c.blocks.some((b) => b.marker === 'missing' && b.args === 'containerd')) {
      return [r.skip('containerd is not installed on this node; this check reads containerd only')];
    }
    const file = c.blocks.find((b) => b.marker === 'file');
    let runtimeDriver: Driver = 'cgroupfs';
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
