/**
 * The SSH user has no kubeconfig while root has one. kubectl then finds no configuration and
 * falls back to http://localhost:8080: "The connection to the server localhost:8080 was refused".
 * `sudo kubectl` works (root's /root/.kube/config), which hides the real cause.
 */

import { parseUserKubeconfig, userKubeconfigProbe } from '../probes/kubeconfig';
import { parseRootKubeconfig, rootKubeconfigProbe } from '../probes/root-kubeconfig';
import { type CheckSpecMeta, defineCheck } from './support/define';
import { unexpected } from './support/findings';

const meta: CheckSpecMeta = {
  id: 'user-kubeconfig-missing',
  title: 'The SSH user has a kubeconfig',
  titleKo: 'SSH 사용자에게 kubeconfig가 있다',
  runbook: 'kubectl-localhost-8080',
  severity: 'warning',
  roles: ['control-plane', 'worker'],
};

const ROOT = rootKubeconfigProbe.name;
const FIX =
  'mkdir -p $HOME/.kube && sudo cp -i /etc/kubernetes/admin.conf $HOME/.kube/config && sudo chown $(id -u):$(id -g) $HOME/.kube/config (on a worker, copy the file from the control plane or use kubectl there)';

export default defineCheck({
  meta,
  probes: [userKubeconfigProbe, rootKubeconfigProbe],
  analyze: ({ r, sections, context, open }) => {
    const gate = open(userKubeconfigProbe.name);
    if (!gate.ok) return [gate.finding];
    const parsed = parseUserKubeconfig(gate.value.lines);
    if (!parsed.ok) return [unexpected(r, userKubeconfigProbe.name, parsed.what, parsed.line, parsed.no)];
    const user = parsed.value;
    const evidence = [
      `user ${user.user} (uid ${user.uid}), HOME=${user.home}`,
      `KUBECONFIG ${user.env === undefined ? 'unset (in this non-interactive SSH shell)' : `= ${user.env}`}`,
      ...user.files.map((file) => `${file.path}: ${file.state}`),
    ];

    const rootFiles: string[] = [];
    const rootGate = sections[ROOT] === undefined ? undefined : open(ROOT);
    if (rootGate?.ok) {
      const root = parseRootKubeconfig(rootGate.value.lines);
      if (!root.ok) return [unexpected(r, ROOT, root.what, root.line, root.no)];
      rootFiles.push(...root.value);
      evidence.push(`root can use: ${rootFiles.length > 0 ? rootFiles.join(', ') : 'nothing'}`);
    } else if (rootGate && !rootGate.ok) {
      evidence.push(`(root's files not checked: ${rootGate.finding.message})`);
    }
    if (user.adminConf && !rootFiles.includes('/etc/kubernetes/admin.conf'))
      rootFiles.push('/etc/kubernetes/admin.conf');

    const readable = user.files.filter((file) => file.state === 'readable');
    const unreadable = user.files.filter((file) => file.state === 'unreadable');
    if (readable.length > 0) {
      const which = readable.map((file) => file.path).join(', ');
      return [
        r.pass(`${user.user} has a kubeconfig: ${which}${user.env === undefined ? '' : ' (from KUBECONFIG)'}`, {
          evidence,
        }),
      ];
    }
    if (unreadable.length > 0) {
      return [
        r.fail(
          `${unreadable.map((file) => file.path).join(', ')} exists but ${user.user} cannot read it (copied as root without chown?)`,
          {
            evidence,
            fix: 'sudo chown $(id -u):$(id -g) $HOME/.kube/config',
          },
        ),
      ];
    }
    const wanted = user.files.map((file) => file.path).join(', ') || `${user.home}/.kube/config`;
    if (user.uid === '0') {
      if (rootFiles.includes('/etc/kubernetes/admin.conf')) {
        return [
          r.warn(
            `root has no ${wanted}; kubectl as root falls back to localhost:8080 unless KUBECONFIG=/etc/kubernetes/admin.conf is set`,
            {
              evidence,
              fix: 'mkdir -p /root/.kube && cp -i /etc/kubernetes/admin.conf /root/.kube/config',
            },
          ),
        ];
      }
      return [
        r.pass('root has no kubeconfig and there is none to copy on this node (kubectl is not set up here)', {
          evidence,
        }),
      ];
    }
    if (rootFiles.length > 0) {
      return [
        r.fail(
          `${user.user} has no ${wanted} while root has ${rootFiles.join(', ')}: kubectl as ${user.user} goes to localhost:8080, sudo kubectl works`,
          {
            evidence,
            fix: FIX,
          },
        ),
      ];
    }
    if (context.roles.includes('control-plane')) {
      return [
        r.warn(
          `${user.user} has no kubeconfig and this control-plane node has no admin.conf (kubeadm init has not run?)`,
          {
            evidence,
            fix: 'run kubeadm init on this node, then copy /etc/kubernetes/admin.conf to $HOME/.kube/config',
          },
        ),
      ];
    }
    return [r.pass(`no kubeconfig on this worker for ${user.user} or root: kubectl is not set up here`, { evidence })];
  },
});
