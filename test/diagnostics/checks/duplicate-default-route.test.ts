import check from '../../../src/diagnostics/checks/duplicate-default-route';
import { runCases } from './tester';

runCases(check, {
  valid: [
    {
      name: 'one DHCP default route (ip -j)',
      sections: { 'ip-route-default': 'duplicate-default-route/one-route' },
      message: /one default route via 198\.51\.100\.2 dev fx0 metric 100/,
    },
  ],
  invalid: [
    {
      name: 'DHCP and static gateway on two interfaces (the field log)',
      sections: { 'ip-route-default': 'duplicate-default-route/two-routes' },
      expect: {
        status: 'fail',
        message: /2 default routes .*the kernel uses via 203\.0\.113\.2 dev fx1/,
        evidence: [
          /default via 203\.0\.113\.2 dev fx1 proto static/,
          /default via 198\.51\.100\.2 dev fx0 proto dhcp src 198\.51\.100\.15 metric 100/,
        ],
        fix: /gateway4/,
      },
    },
    {
      name: 'same situation read by busybox ip (text fallback)',
      sections: { 'ip-route-default': 'duplicate-default-route/two-routes-busybox' },
      expect: { status: 'fail', message: /2 default routes/ },
    },
    {
      name: 'two gateways on one interface',
      sections: { 'ip-route-default': 'duplicate-default-route/same-interface' },
      expect: { status: 'warn', message: /on one interface; the kernel uses via 198\.51\.100\.2/ },
    },
    {
      name: 'no default route',
      sections: { 'ip-route-default': 'duplicate-default-route/no-route' },
      expect: { status: 'warn', message: /no default route/ },
    },
    {
      name: 'ip not installed',
      sections: { 'ip-route-default': 'duplicate-default-route/no-ip' },
      expect: { status: 'skip', message: /not installed/ },
    },
  ],
});
