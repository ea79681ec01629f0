/**
 * The pod network's VXLAN tunnel (Flannel's flannel.1, Calico's vxlan.calico) is bound to the NAT
 * interface. Under Vagrant + VirtualBox the first NIC is NAT with 10.0.2.15 on every VM; Flannel
 * takes the interface of the default route unless --iface says otherwise, and Calico's first-found
 * autodetection can do the same. Every node then announces the same address, and pods on different
 * nodes cannot reach each other. The CNI sibling of the ansible_default_ipv4 problem.
 */
import { isVagrantNat } from '../probes/blocks';
import { type Address, ipAddrProbe, parseAddrProbe } from '../probes/ip-addr';
import { ipRouteDefaultProbe, parseRouteProbe, preferredRoute, sourceAddress } from '../probes/ip-route';
import { parseVxlanLinksProbe, vxlanLinksProbe } from '../probes/vxlan-links';
import { type CheckSpecMeta, defineCheck } from './support/define';
import { unexpected } from './support/findings';

const meta: CheckSpecMeta = {
  id: 'cni-tunnel-on-nat',
  title: "The pod network's tunnel uses the node's private address",
  titleKo: '파드 네트워크 터널이 노드의 사설 주소를 쓴다',
  runbook: 'cni-nat-interface',
  severity: 'error',
  roles: ['control-plane', 'worker'],
};

const PROBE = vxlanLinksProbe.name;

export default defineCheck({
  meta,
  probes: [vxlanLinksProbe, ipRouteDefaultProbe, ipAddrProbe],
  analyze: ({ r, context, open }) => {
    const gate = open(PROBE);
    if (!gate.ok) return [gate.finding];
    const parsed = parseVxlanLinksProbe(gate.value.lines);
    if (!parsed.ok) return [unexpected(r, PROBE, parsed.what, parsed.line, parsed.no)];
    if (parsed.value === null) return [r.skip('the ip command is not installed on this node')];
    const tunnels = parsed.value;
    if (tunnels.length === 0) {
      return [
        r.skip('no VXLAN tunnel device (Flannel/Calico VXLAN not running on this node; other backends are not read)'),
      ];
    }
    const addrGate = open(ipAddrProbe.name);
    const addrs = addrGate.ok ? parseAddrProbe(addrGate.value.lines) : undefined;
    const addresses: readonly Address[] = addrs?.ok ? (addrs.value ?? []) : [];
    const routeGate = open(ipRouteDefaultProbe.name);
    const routes = routeGate.ok ? parseRouteProbe(routeGate.value.lines) : undefined;
    const route = routes?.ok ? preferredRoute(routes.value.routes ?? []) : undefined;
    const natAddress = route ? sourceAddress(route, addresses) : undefined;
    const otherNics = addresses.filter(
      (a) => !a.dev.startsWith('lo') && a.dev !== route?.dev && !tunnels.some((t) => t.name === a.dev),
    );
    const intended = context.intendedAddress;

    const bad = tunnels.filter((t) => {
      if (t.local === undefined) return false;
      if (intended !== undefined && addresses.some((a) => a.address === intended)) return t.local !== intended;
      return isVagrantNat(t.local) || (t.local === natAddress && otherNics.length > 0);
    });
    const evidence = tunnels.map((t) => `${t.name}: vxlan local ${t.local ?? '(unset)'} dev ${t.link ?? '(unset)'}`);
    if (bad.length === 0) {
      return [
        r.pass(`the VXLAN tunnel uses ${tunnels.map((t) => `${t.local ?? '?'} (${t.name})`).join(', ')}`, { evidence }),
      ];
    }
    const want = intended ?? otherNics[0]?.address;
    return [
      r.fail(
        `${bad.map((t) => t.name).join(', ')} sends pod traffic from ${bad[0]?.local ?? '?'} on ${bad[0]?.link ?? 'the NAT interface'}${want ? `, not the node's private address ${want}` : ''}: pods on different nodes cannot reach each other`,
        {
          evidence: route ? [...evidence, `default route: ${route.text}`] : evidence,
          fix: 'tell the CNI which interface to use: Flannel --iface=<private NIC> or --iface-can-reach=<control-plane IP> in the kube-flannel DaemonSet args; Calico IP_AUTODETECTION_METHOD=interface=<NIC> or can-reach=<IP> or kubernetes-internal-ip on calico-node; then restart the CNI pods',
        },
      ),
    ];
  },
});
