import check from '../../../src/diagnostics/checks/iptables-kube-chains-flushed';
import { runCases } from './tester';

const running = 'iptables-kube-chains-flushed/running';

runCases(check, {
  valid: [
    {
      name: "kube-proxy's nat chains in place",
      sections: { 'kube-proxy-process': running, 'iptables-rules': 'iptables-kube-chains-flushed/kube-rules' },
      message: /KUBE-SERVICES chain has rules/,
    },
  ],
  invalid: [
    {
      name: 'iptables -t nat -F: chains empty, jumps gone',
      sections: { 'kube-proxy-process': running, 'iptables-rules': 'iptables-kube-chains-flushed/nat-flushed' },
      expect: {
        status: 'fail',
        message: /nat KUBE-SERVICES has no rules \(flushed\); empty: KUBE-MARK-MASQ.*\(and 1 more problem\)/,
        evidence: [/PREROUTING and OUTPUT no longer jump to KUBE-SERVICES/],
        fix: /rollout restart daemonset kube-proxy/,
      },
    },
    {
      name: 'iptables -t nat -F -X: chains deleted',
      sections: { 'kube-proxy-process': running, 'iptables-rules': 'iptables-kube-chains-flushed/nat-deleted' },
      expect: { status: 'fail', message: /no backend has KUBE-\* chains/ },
    },
    {
      name: 'a fresh node with no rules and kube-proxy running',
      sections: {
        'kube-proxy-process': running,
        'iptables-rules': 'iptables-policy-drop/fresh',
        'nft-ruleset': 'iptables-policy-drop/fresh',
      },
      expect: { status: 'fail', message: /no backend has KUBE-\* chains/ },
    },
    {
      name: 'kube-proxy not running',
      sections: {
        'kube-proxy-process': 'iptables-kube-chains-flushed/no-kube-proxy',
        'iptables-rules': 'iptables-kube-chains-flushed/nat-deleted',
      },
      expect: { status: 'skip', message: /kube-proxy is not running/ },
    },
  ],
});
