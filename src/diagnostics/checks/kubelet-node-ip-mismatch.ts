/**
 * The kubelet's node IP is not the address the inventory intends. Without --node-ip the kubelet
 * registers the address of the default-route interface, which on a Vagrant VM is the NAT address
 * 10.0.2.15, the same on every node: logs, exec and pod networking then go to the wrong place.
 */

import { hostOf, isIPv4, isVagrantNat } from '../probes/blocks';
import { ipAddrProbe, parseAddrProbe } from '../probes/ip-addr';
import { ipRouteDefaultProbe, parseRouteProbe, preferredRoute, sourceAddress } from '../probes/ip-route';
import { effectiveNodeIp, kubeletFlagsProbe, parseKubeletFlagsProbe } from '../probes/kubelet-flags';
import { type CheckSpecMeta, defineCheck } from './support/define';
import { type Problem, unexpected, worstOf } from './support/findings';

const meta: CheckSpecMeta = {
  id: 'kubelet-node-ip-mismatch',
  title: "The kubelet's node IP is the intended address",
  titleKo: 'kubelet의 노드 IP가 의도한 주소다',
  runbook: 'ansible-default-ipv4-nat',
  severity: 'error',
  roles: ['control-plane', 'worker'],
};

const FIX =
  'set the node IP explicitly: echo "KUBELET_EXTRA_ARGS=--node-ip=<inventory address>" | sudo tee /etc/default/kubelet && sudo systemctl restart kubelet (in Ansible use hostvars[inventory_hostname][\'ansible_host\'], not ansible_default_ipv4.address)';

export default defineCheck({
  meta,
  probes: [kubeletFlagsProbe, ipRouteDefaultProbe, ipAddrProbe],
  analyze: ({ r, sections, context, open }) => {
    const gate = open(kubeletFlagsProbe.name);
    if (!gate.ok) return [gate.finding];
    const parsed = parseKubeletFlagsProbe(gate.value.lines);
    if (!parsed.ok) return [unexpected(r, kubeletFlagsProbe.name, parsed.what, parsed.line, parsed.no)];
    const facts = parsed.value;
    const evidence: string[] = [
      ...facts.files.map((file) => `${file.file}: ${file.nodeIp ? file.nodeIp.line : 'no --node-ip'}`),
      ...facts.processes.map(
        (process) =>
          `kubelet pid ${process.pid}: ${process.nodeIp ? `--node-ip=${process.nodeIp.value}` : 'no --node-ip'}`,
      ),
    ];
    if (facts.files.length === 0 && facts.processes.length === 0) {
      return [r.skip('kubelet is not configured on this node (no flag files, no running kubelet)')];
    }

    let addresses: string[] | undefined;
    let defaultSource: { address: string; dev: string | undefined } | undefined;
    const addrGate = sections[ipAddrProbe.name] === undefined ? undefined : open(ipAddrProbe.name);
    const addrs = addrGate?.ok ? parseAddrProbe(addrGate.value.lines) : undefined;
    if (addrs?.ok && addrs.value !== null) addresses = addrs.value.map((addr) => addr.address);
    const routeGate = sections[ipRouteDefaultProbe.name] === undefined ? undefined : open(ipRouteDefaultProbe.name);
    const routes = routeGate?.ok ? parseRouteProbe(routeGate.value.lines) : undefined;
    if (routes?.ok && routes.value.routes !== null) {
      const route = preferredRoute(routes.value.routes);
      const address = route ? sourceAddress(route, addrs?.ok ? addrs.value : null) : undefined;
      if (route && address) {
        defaultSource = { address, dev: route.dev };
        evidence.push(`default route: ${route.text} (source ${address})`);
      }
    }

    const intended = context.intendedAddress === undefined ? undefined : hostOf(context.intendedAddress);
    const comparable = intended !== undefined && isIPv4(intended) ? intended : undefined;
    const nodeIp = effectiveNodeIp(facts);
    const problems: Problem[] = [];
    if (nodeIp !== undefined) {
      const ip = nodeIp.value;
      if (isVagrantNat(ip))
        problems.push({
          status: 'fail',
          text: `--node-ip is ${ip} (${nodeIp.source}), the Vagrant NAT address every VM has`,
        });
      else if (comparable !== undefined && ip !== comparable) {
        problems.push({
          status: 'fail',
          text: `--node-ip is ${ip} (${nodeIp.source}) but the inventory intends ${comparable}`,
        });
      }
      if (addresses !== undefined && !addresses.includes(ip)) {
        problems.push({
          status: 'fail',
          text: `--node-ip ${ip} is not on any interface of this node (${addresses.join(', ')})`,
        });
      }
      const worst = worstOf(r, problems, { evidence, fix: FIX });
      if (worst) return [worst];
      return [
        r.pass(`--node-ip is ${ip}${comparable ? ', the intended address' : ''} (${nodeIp.source})`, { evidence }),
      ];
    }

    if (defaultSource === undefined) {
      return [
        r.warn(
          'kubelet has no --node-ip and the default route could not be read: it registers whatever address it finds first',
          { evidence, fix: FIX },
        ),
      ];
    }
    const chosen = defaultSource.address;
    const via = `the address of ${defaultSource.dev ?? 'the default-route interface'}`;
    if (isVagrantNat(chosen)) {
      problems.push({
        status: 'fail',
        text: `kubelet has no --node-ip, so it registers ${chosen} (${via}), the Vagrant NAT address every VM has`,
      });
    } else if (comparable !== undefined && chosen !== comparable) {
      problems.push({
        status: 'fail',
        text: `kubelet has no --node-ip, so it registers ${chosen} (${via}) but the inventory intends ${comparable}`,
      });
    }
    const worst = worstOf(r, problems, { evidence, fix: FIX });
    if (worst) return [worst];
    return [
      r.pass(`kubelet has no --node-ip and registers ${chosen} (${via})${comparable ? ', the intended address' : ''}`, {
        evidence,
      }),
    ];
  },
});
