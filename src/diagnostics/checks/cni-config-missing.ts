/**
 * No CNI network configuration on a node the kubelet runs on. Until a pod network add-on writes its
 * config into /etc/cni/net.d, the runtime reports NetworkReady=false ("cni plugin not initialized"),
 * the node stays NotReady and CoreDNS stays Pending. kubeadm does not install one: it is the step
 * after `kubeadm init`.
 */

import { cniConfProbe, parseCniConf } from '../probes/cni-conf';
import { type CheckSpecMeta, defineCheck } from './support/define';
import { unexpected } from './support/findings';

const meta: CheckSpecMeta = {
  id: 'cni-config-missing',
  title: 'A CNI network config is installed',
  titleKo: 'CNI 네트워크 설정이 설치되어 있다',
  runbook: 'cni-not-installed',
  severity: 'error',
  roles: ['control-plane', 'worker'],
};

const PROBE = cniConfProbe.name;
const CONFIG_FILE = /\.(conf|conflist|json)$/;

export default defineCheck({
  meta,
  probes: [cniConfProbe],
  analyze: ({ r, open }) => {
    const gate = open(PROBE);
    if (!gate.ok) return [gate.finding];
    const parsed = parseCniConf(gate.value.lines);
    if (!parsed.ok) return [unexpected(r, PROBE, parsed.what, parsed.line, parsed.no)];
    const { kubeletConfigured, unreadable, noDir, entries } = parsed.value;
    if (!kubeletConfigured) {
      return [
        r.skip('the kubelet is not configured yet (no /var/lib/kubelet/config.yaml): kubeadm init/join has not run'),
      ];
    }
    if (unreadable !== undefined)
      return [r.skip(`${unreadable} is not readable by this user; run with sudo to judge it`)];
    const configs = entries.filter((entry) => CONFIG_FILE.test(entry.path));
    const fix =
      'install one pod network add-on from the control plane, e.g. kubectl apply -f <the Flannel or Calico manifest of your version> (with the interface and pod CIDR for your Vagrant network), then kubectl get nodes -w until Ready';
    if (noDir || configs.length === 0) {
      const what = noDir
        ? '/etc/cni/net.d does not exist'
        : entries.length === 0
          ? '/etc/cni/net.d is empty'
          : `/etc/cni/net.d has no .conf/.conflist file (only ${entries.map((entry) => entry.path.replace(/^.*\//, '')).join(', ')})`;
      return [
        r.fail(
          `${what}: no pod network is installed, so the node reports NetworkReady=false (cni plugin not initialized) and stays NotReady`,
          {
            evidence: [
              ...(entries.length === 0 ? [what] : entries.map((entry) => `${entry.path} (not a CNI config file name)`)),
              '/var/lib/kubelet/config.yaml exists: the kubelet is set up and waits for a pod network',
            ],
            fix,
          },
        ),
      ];
    }
    const described = configs.map(({ path, types }) => `${path}${types.length > 0 ? ` (${types.join(', ')})` : ''}`);
    return [r.pass(`CNI config present: ${described.join('; ')}`, { evidence: described })];
  },
});
