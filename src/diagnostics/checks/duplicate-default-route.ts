/**
 * More than one default route. With a DHCP (NAT) interface and a static interface that both
 * set a gateway, the kernel sends everything through the lowest metric; replies to connections
 * that came in on the other interface leave through the wrong one and are lost.
 */

import { type DefaultRoute, ipRouteDefaultProbe, parseRouteProbe, preferredRoute } from '../probes/ip-route';
import { type CheckSpecMeta, defineCheck } from './support/define';
import { unexpected } from './support/findings';

const meta: CheckSpecMeta = {
  id: 'duplicate-default-route',
  title: 'One default route',
  titleKo: '기본 경로가 하나뿐이다',
  runbook: 'duplicate-default-route',
  severity: 'error',
  roles: ['control-plane', 'worker'],
};

const PROBE = ipRouteDefaultProbe.name;

const label = (route: DefaultRoute) =>
  `via ${route.gateway ?? '(no gateway)'} dev ${route.dev ?? '?'}${route.metric === undefined ? '' : ` metric ${route.metric}`}`;

export default defineCheck({
  meta,
  probes: [ipRouteDefaultProbe],
  analyze: ({ r, open }) => {
    const gate = open(PROBE);
    if (!gate.ok) return [gate.finding];
    const parsed = parseRouteProbe(gate.value.lines);
    if (!parsed.ok) return [unexpected(r, PROBE, parsed.what, parsed.line, parsed.no)];
    const { routes } = parsed.value;
    if (routes === null) return [r.skip('the `ip` command is not installed; cannot list routes')];
    const evidence = routes.map((route) => route.text);
    if (routes.length === 0) {
      return [
        r.warn('no default route: the node cannot reach anything outside its own networks (apt, image pulls)', {
          evidence,
          fix: 'give exactly one interface a gateway (the NAT/DHCP one on Vagrant)',
        }),
      ];
    }
    if (routes.length === 1) {
      const [only] = routes;
      return [r.pass(`one default route ${only ? label(only) : ''}`.trim(), { evidence })];
    }
    const used = preferredRoute(routes);
    const devices = new Set(routes.map((route) => route.dev ?? '?'));
    const summary = `${routes.length} default routes (${routes.map(label).join('; ')})`;
    const wins = used ? `; the kernel uses ${label(used)}` : '';
    if (devices.size === 1) {
      return [
        r.warn(`${summary} on one interface${wins}`, {
          evidence,
          fix: 'keep one gateway for the interface; remove the extra one from its netplan/ifupdown configuration',
        }),
      ];
    }
    return [
      r.fail(`${summary}${wins}; replies to traffic that arrives on the other interfaces leave by the wrong one`, {
        evidence,
        fix: 'keep the gateway only on the NAT/DHCP interface: remove gateway4 (or routes: to: default) from the static interface in netplan, then sudo netplan apply',
      }),
    ];
  },
});
