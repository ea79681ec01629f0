/**
 * A worker cannot reach the API server its kubelet is configured for. `kubeadm join` then waits
 * (for discovery or the TLS bootstrap) without a word until its timeout. The probe reads the
 * server URL from the node's own kubelet kubeconfig and asks its /healthz (probes/apiserver-reach.ts).
 */

import { apiserverReachProbe, parseApiserverReach } from '../probes/apiserver-reach';
import { hostOf, isVagrantNat } from '../probes/blocks';
import { type CheckSpecMeta, defineCheck } from './support/define';
import { unexpected } from './support/findings';

const meta: CheckSpecMeta = {
  id: 'api-server-unreachable',
  title: 'The worker reaches the API server',
  titleKo: '워커 노드에서 API 서버에 연결된다',
  runbook: 'kubeadm-join-hangs',
  severity: 'error',
  roles: ['worker'],
};

const PROBE = apiserverReachProbe.name;

/** curl exit codes that mean the TCP/TLS connection itself failed. */
const CURL_REASONS: Record<number, string> = {
  6: 'the host name does not resolve',
  7: 'connection refused or no route',
  28: 'timed out (a firewall drops the packets, or the address is wrong)',
  35: 'TLS handshake failed',
  52: 'empty reply',
  56: 'connection reset',
};

const FIX =
  'from the worker: curl -k https://<control-plane>:6443/healthz; open tcp/6443 on the control plane (iptables/ufw), make sure the API server advertises an address the workers can reach (not 10.0.2.15), and give kubeadm join a timeout (Ansible: async/poll or timeout)';

export default defineCheck({
  meta,
  probes: [apiserverReachProbe],
  analyze: ({ r, context, open }) => {
    const gate = open(PROBE);
    if (!gate.ok) return [gate.finding];
    const parsed = parseApiserverReach(gate.value.lines);
    if (!parsed.ok) return [unexpected(r, PROBE, parsed.what, parsed.line, parsed.no)];
    const { source, server, result, noTool } = parsed.value;
    const expected = context.controlPlaneEndpoint;
    const evidence = [source ? `read from ${source}` : 'no kubelet kubeconfig', `server: ${server}`];
    if (server === 'none') {
      return [
        r.skip(
          `no /etc/kubernetes/kubelet.conf or bootstrap-kubelet.conf: this worker has not joined${expected ? `; test by hand: curl -k https://${expected}/healthz` : ''}`,
          { evidence },
        ),
      ];
    }
    if (server === 'unsafe' || server === 'unsupported') {
      return [
        r.warn(
          `the server URL in ${source ?? 'the kubelet kubeconfig'} is ${server === 'unsafe' ? 'not a plain https URL' : 'not https'}; not contacted`,
          {
            evidence,
            fix: 'look at the server: line of /etc/kubernetes/kubelet.conf; it should be https://<control-plane address>:6443',
          },
        ),
      ];
    }
    const host = hostOf(server);
    const notes: string[] = [];
    if (isVagrantNat(host)) notes.push(`${host} is the Vagrant NAT address: on a worker it is the worker itself`);
    if (expected !== undefined && hostOf(expected) !== host)
      notes.push(`the inventory's control-plane endpoint is ${expected}`);
    if (noTool || result === undefined) {
      return [
        r.skip('neither curl nor nc is installed on this node; reachability not tested', {
          evidence: [...evidence, ...notes],
        }),
      ];
    }
    evidence.push(`${result.tool} exit ${result.code}${result.rest ? `: ${result.rest}` : ''}`);
    const reached = result.code === 0;
    if (reached) {
      const status = result.tool === 'curl' ? (result.rest.trim().split(/\s+/).pop() ?? '') : '';
      const message = `${server} answers${status ? ` (HTTP ${status} on /healthz)` : ''}`;
      if (notes.length > 0) return [r.warn(`${message}, but ${notes.join('; ')}`, { evidence, fix: FIX })];
      return [r.pass(message, { evidence })];
    }
    const why =
      result.tool === 'curl' ? (CURL_REASONS[result.code] ?? `curl error ${result.code}`) : 'nc could not connect';
    return [
      r.fail(`${server} is not reachable from this worker: ${why}${notes.length > 0 ? `; ${notes.join('; ')}` : ''}`, {
        evidence,
        fix: FIX,
      }),
    ];
  },
});
