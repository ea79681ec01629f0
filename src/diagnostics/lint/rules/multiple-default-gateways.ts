import { simpleCommand } from '../shell';
import { defineRule, type NetplanGateway, type RuleReport } from '../types';

/** Names VirtualBox/libvirt give the first NIC, which Vagrant uses for NAT with a DHCP default route. */
const VAGRANT_NAT = new Set(['eth0', 'enp0s3', 'ens3', 'ens5', 'enp1s0']);

function netplanReports(gateways: readonly NetplanGateway[], vagrant: boolean, overridesNat: boolean): RuleReport[] {
  const reports: RuleReport[] = [];
  for (const family of [4, 6] as const) {
    const here = gateways.filter((g) => g.family === family);
    const ifaces = new Set(here.map((g) => g.iface));
    const natHasDefault = vagrant && family === 4 && !overridesNat && ![...ifaces].some((i) => VAGRANT_NAT.has(i));
    const total = ifaces.size + (natHasDefault ? 1 : 0);
    if (total < 2) continue;
    const statics = here.filter((g) => g.source === 'static' && !(natHasDefault && VAGRANT_NAT.has(g.iface)));
    const flagged = statics.length > 0 ? statics : here.filter((g) => g.iface !== here[0]?.iface);
    const others = (g: NetplanGateway): string => {
      const names = [...ifaces].filter((i) => i !== g.iface);
      if (natHasDefault) names.unshift("eth0 (Vagrant's NAT, DHCP)");
      return names.join(', ');
    };
    for (const g of flagged) {
      const what = g.source === 'dhcp' ? `dhcp${family} on ${g.iface}` : `a default gateway on ${g.iface}`;
      reports.push({
        start: g.start,
        end: g.end,
        message: `${what} is a second IPv${family} default route next to ${others(g)}: replies can leave by the other interface and connections to the node hang; keep the default gateway on one interface (remove it here, or set dhcp${family}-overrides: {use-routes: false} on the other)`,
      });
    }
  }
  return reports;
}

export default defineRule({
  meta: {
    id: 'multiple-default-gateways',
    title: 'Default gateway on more than one interface',
    severity: 'error',
    runbook: 'duplicate-default-route',
    kinds: ['netplan', 'template', 'playbook', 'tasks', 'vagrantfile', 'shell'],
    description:
      'Netplan files (and netplan content in templates, copy tasks and heredocs) where more than one interface ' +
      'installs a default route: gateway4/gateway6, routes to default/0.0.0.0/0, or DHCP with its routes used. In a ' +
      "Vagrant project eth0 is Vagrant's NAT interface and always has a DHCP default route, so a gateway on the private " +
      'interface is a second one. Also Vagrant networks given `gateway:` or `use_dhcp_assigned_default_route: true`, and ' +
      '`ip route add default` / `route add default gw` in provisioning scripts of a Vagrant project.',
  },
  check(file, ctx) {
    const reports: RuleReport[] = [];
    const overridesNat = /use-routes:\s*(?:false|no)\b/.test(file.text);
    reports.push(...netplanReports(file.netplan, ctx.facts.vagrant, overridesNat));
    for (const network of file.vagrant?.networks ?? []) {
      if (network.type !== 'private_network' && network.type !== 'public_network') continue;
      const gateway = network.options.get('gateway');
      if (gateway !== undefined) {
        reports.push({
          start: gateway.start,
          end: gateway.end,
          message: `${network.type} with gateway ${gateway.value}: eth0 (NAT) already has the default route; a second one on this interface breaks replies. Remove the gateway`,
        });
      }
      const dhcpRoute = network.options.get('use_dhcp_assigned_default_route');
      // The option only acts on a DHCP network: with a static ip: Vagrant ignores it.
      if (dhcpRoute !== undefined && dhcpRoute.value === 'true' && network.ipStart === undefined) {
        reports.push({
          start: dhcpRoute.start,
          end: dhcpRoute.end,
          message: `use_dhcp_assigned_default_route: true adds the ${network.type}'s DHCP default route next to eth0's NAT default route; keep one (delete the NAT default route in a provisioner if this one must win)`,
        });
      }
    }
    if (ctx.facts.vagrant) {
      for (const body of file.shell) {
        let removed = false;
        for (const command of body.commands) {
          const simple = simpleCommand(command);
          if (simple === undefined) continue;
          const args = simple.args.map((w) => w.value);
          const isIpRoute = simple.name === 'ip' && (args[0] === 'route' || args[0] === 'r' || args[0] === 'ro');
          const verb = isIpRoute ? args[1] : simple.name === 'route' ? args[0] : undefined;
          const target = isIpRoute ? args[2] : simple.name === 'route' ? args[1] : undefined;
          if (verb === undefined || (target !== 'default' && target !== '0.0.0.0/0')) continue;
          if (verb === 'del' || verb === 'delete' || verb === 'replace' || verb === 'change') {
            removed = true;
            continue;
          }
          if (verb !== 'add' || removed) continue;
          reports.push({
            start: simple.nameWord.start,
            end: command.end,
            message: `"${[simple.name, ...args].join(' ')}" adds a second default route next to eth0's NAT default route; use "ip route replace default ..." after deciding which interface carries it, or remove the other one first`,
          });
        }
      }
    }
    return reports;
  },
});
