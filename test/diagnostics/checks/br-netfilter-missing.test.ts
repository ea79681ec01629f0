import check from '../../../src/diagnostics/checks/br-netfilter-missing';
import { runCases, section } from './tester';

runCases(check, {
  valid: [
    {
      name: 'built into this kernel (no /proc/modules, sysctl present)',
      sections: { 'br-netfilter': 'br-netfilter-missing/built-in' },
      message: /built into the kernel/,
    },
    {
      name: 'module loaded and persisted (hand-made)',
      sections: { 'br-netfilter': 'br-netfilter-missing/handmade-loaded-persisted' },
      message: /loaded as a module/,
    },
  ],
  invalid: [
    {
      name: 'bridge-nf-call-iptables set to 0 in a namespace',
      sections: { 'br-netfilter': 'br-netfilter-missing/call-iptables-0' },
      expect: {
        status: 'warn',
        message: /bridge-nf-call-iptables is 0/,
        evidence: [/net.bridge.bridge-nf-call-iptables: 0/],
        fix: /modprobe br_netfilter/,
      },
    },
    {
      name: 'module not loaded (hand-made)',
      sections: { 'br-netfilter': 'br-netfilter-missing/handmade-not-loaded' },
      expect: { status: 'warn', message: /not loaded/ },
    },
    {
      name: 'loaded but not loaded at boot (hand-made)',
      sections: { 'br-netfilter': 'br-netfilter-missing/handmade-loaded-not-persisted' },
      expect: { status: 'warn', message: /gone after a reboot/, fix: /modules-load\.d/ },
    },
    {
      name: 'garbage',
      sections: { 'br-netfilter': section('sysctl bridge-nf-call-iptables yes\n### end\n') },
      expect: { status: 'error', message: /expected module\/sysfs\/sysctl\/persist lines/ },
    },
  ],
});
