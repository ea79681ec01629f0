/**
 * Several nodes register (or advertise) the same address. On Vagrant + VirtualBox every VM's
 * first interface is NAT with 10.0.2.15; a kubelet without --node-ip registers it, so all nodes
 * end up with InternalIP 10.0.2.15: `kubectl logs/exec` reach the wrong node, pod routes collide.
 * Per node the address is the kubelet's --node-ip, else the source address of its default route
 * (what the kubelet picks), and for control-plane nodes the API server's --advertise-address.
 */

import { type ClusterFinding, defineClusterCheck, type NodeLines } from '../checks/support/define-cluster';
import { apiserverManifestProbe, parseApiserverProbe } from '../probes/apiserver-manifest';
import { hostOf, isVagrantNat } from '../probes/blocks';
import { ipAddrProbe, parseAddrProbe } from '../probes/ip-addr';
import { ipRouteDefaultProbe, parseRouteProbe, preferredRoute, sourceAddress } from '../probes/ip-route';
import { effectiveNodeIp, kubeletFlagsProbe, parseKubeletFlagsProbe } from '../probes/kubelet-flags';
import type { ClusterCheck, NodeFacts } from '../types';

const meta: ClusterCheck['meta'] = {
  id: 'duplicate-node-ip',
  title: 'Every node has its own address',
  titleKo: '노드마다 고유한 주소를 쓴다',
  runbook: 'ansible-default-ipv4-nat',
  severity: 'error',
};

interface NodeAddress {
  host: string;
  kind: 'node IP' | 'advertise address';
  address: string;
  how: string;
}

function addressesOf(node: NodeFacts, lines: NodeLines): NodeAddress[] {
  const out: NodeAddress[] = [];
  const flags = lines(node, kubeletFlagsProbe.name);
  const parsedFlags = flags ? parseKubeletFlagsProbe(flags) : undefined;
  const configured = parsedFlags?.ok && (parsedFlags.value.files.length > 0 || parsedFlags.value.processes.length > 0);
  const nodeIp = parsedFlags?.ok ? effectiveNodeIp(parsedFlags.value) : undefined;
  if (nodeIp)
    out.push({ host: node.host, kind: 'node IP', address: nodeIp.value, how: `--node-ip in ${nodeIp.source}` });
  else if (configured) {
    const routes = lines(node, ipRouteDefaultProbe.name);
    const addrs = lines(node, ipAddrProbe.name);
    const parsedRoutes = routes ? parseRouteProbe(routes) : undefined;
    const parsedAddrs = addrs ? parseAddrProbe(addrs) : undefined;
    if (parsedRoutes?.ok && parsedRoutes.value.routes) {
      const route = preferredRoute(parsedRoutes.value.routes);
      const address = route ? sourceAddress(route, parsedAddrs?.ok ? parsedAddrs.value : null) : undefined;
      if (route && address) {
        out.push({
          host: node.host,
          kind: 'node IP',
          address,
          how: `no --node-ip; default route dev ${route.dev ?? '?'}`,
        });
      }
    }
  }
  const manifest = lines(node, apiserverManifestProbe.name);
  const parsedManifest = manifest ? parseApiserverProbe(manifest) : undefined;
  const advertised = parsedManifest?.ok ? parsedManifest.value.advertiseAddress : undefined;
  if (advertised)
    out.push({ host: node.host, kind: 'advertise address', address: hostOf(advertised.value), how: advertised.source });
  return out;
}

export default defineClusterCheck({
  meta,
  probes: [kubeletFlagsProbe, ipRouteDefaultProbe, ipAddrProbe, apiserverManifestProbe],
  analyze({ r, nodes, lines, at }) {
    const reachable = nodes.filter((node) => node.reachable);
    const addresses = reachable.flatMap((node) => addressesOf(node, lines));
    const evidence = addresses.map((item) => `${item.host}: ${item.kind} ${item.address} (${item.how})`);
    const hostsWithIp = new Set(addresses.map((item) => item.host));
    if (hostsWithIp.size < 2) {
      return [
        at(
          r.skip(`node addresses known for ${hostsWithIp.size} node(s); need two or more to compare`, { evidence }),
          reachable.map((node) => node.host),
        ),
      ];
    }
    const findings: ClusterFinding[] = [];
    for (const kind of ['node IP', 'advertise address'] as const) {
      const byAddress = new Map<string, Set<string>>();
      for (const item of addresses.filter((entry) => entry.kind === kind)) {
        const hosts = byAddress.get(item.address) ?? new Set<string>();
        hosts.add(item.host);
        byAddress.set(item.address, hosts);
      }
      for (const [address, hostSet] of byAddress) {
        if (hostSet.size < 2) continue;
        const hosts = [...hostSet];
        const nat = isVagrantNat(address) ? ', the Vagrant NAT address' : '';
        findings.push(
          at(
            r.fail(`${hosts.length} nodes share the ${kind} ${address}${nat}: ${hosts.join(', ')}`, {
              evidence: evidence.filter((line) => line.includes(` ${address} `)),
              fix: "give every kubelet --node-ip=<its inventory address> (KUBELET_EXTRA_ARGS in /etc/default/kubelet) and advertise the control plane on its own address; in Ansible use hostvars[inventory_hostname]['ansible_host'], not ansible_default_ipv4.address",
            }),
            hosts,
          ),
        );
      }
    }
    if (findings.length > 0) return findings;
    return [at(r.pass(`${hostsWithIp.size} nodes, every address distinct`, { evidence }), [...hostsWithIp])];
  },
});
