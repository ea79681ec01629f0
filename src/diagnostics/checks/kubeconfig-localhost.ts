/**
 * The user's kubeconfig points at http://localhost:8080, or has no server at all: both make
 * kubectl say "The connection to the server localhost:8080 was refused - did you specify the
 * right host or port?". (kubectl's built-in default when it finds no cluster is localhost:8080.)
 */

import { parseUserKubeconfig, userKubeconfigProbe } from '../probes/kubeconfig';
import { type CheckSpecMeta, defineCheck } from './support/define';
import { type Problem, unexpected, worstOf } from './support/findings';

const meta: CheckSpecMeta = {
  id: 'kubeconfig-localhost',
  title: "The user's kubeconfig points at the API server",
  titleKo: '사용자 kubeconfig가 API 서버를 가리킨다',
  runbook: 'kubectl-localhost-8080',
  severity: 'error',
  roles: ['control-plane', 'worker'],
};

const FIX =
  'replace the file with the cluster admin kubeconfig: sudo cp /etc/kubernetes/admin.conf $HOME/.kube/config && sudo chown $(id -u):$(id -g) $HOME/.kube/config (its server: line is https://<control-plane>:6443)';

const LOCAL = /^(https?:\/\/)?(localhost|127\.0\.0\.1|\[::1\])(:8080)?(\/.*)?$/i;

export default defineCheck({
  meta,
  probes: [userKubeconfigProbe],
  analyze: ({ r, open }) => {
    const gate = open(userKubeconfigProbe.name);
    if (!gate.ok) return [gate.finding];
    const parsed = parseUserKubeconfig(gate.value.lines);
    if (!parsed.ok) return [unexpected(r, userKubeconfigProbe.name, parsed.what, parsed.line, parsed.no)];
    const readable = parsed.value.files.filter((file) => file.state === 'readable');
    if (readable.length === 0) {
      return [r.skip(`${parsed.value.user} has no readable kubeconfig (see user-kubeconfig-missing)`)];
    }
    const problems: Problem[] = [];
    const evidence: string[] = [];
    for (const file of readable) {
      evidence.push(...file.servers.map((server) => `${file.path}: server: ${server}`));
      if (file.servers.length === 0) {
        problems.push({
          status: 'fail',
          text: `${file.path} has no server: line: kubectl falls back to localhost:8080`,
        });
        continue;
      }
      for (const server of file.servers) {
        if (LOCAL.test(server) && (/^http:/i.test(server) || /:8080/.test(server))) {
          problems.push({
            status: 'fail',
            text: `${file.path} points at ${server}: nothing listens there on a kubeadm cluster`,
          });
        } else if (LOCAL.test(server)) {
          problems.push({
            status: 'warn',
            text: `${file.path} points at ${server}: only works on the control-plane node itself`,
          });
        } else if (/^http:/i.test(server)) {
          problems.push({ status: 'warn', text: `${file.path} points at ${server}: the API server speaks https only` });
        }
      }
    }
    const worst = worstOf(r, problems, { evidence, fix: FIX });
    if (worst) return [worst];
    const servers = readable.flatMap((file) => file.servers);
    return [r.pass(`kubeconfig points at ${[...new Set(servers)].join(', ')}`, { evidence })];
  },
});
