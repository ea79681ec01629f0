import { expect, it } from 'vitest';
import check, { portsFor } from '../../../src/diagnostics/checks/iptables-policy-drop';
import { runCases, section } from './tester';

const cp = { roles: ['control-plane' as const] };

runCases(check, {
  valid: [
    {
      name: 'no rules in a fresh namespace',
      sections: { 'iptables-rules': 'iptables-policy-drop/fresh', 'nft-ruleset': 'iptables-policy-drop/fresh' },
      message: /no filter rules/,
    },
    {
      name: 'DROP policy with ACCEPT for lo, established, 22 and 6443,10250 (control plane)',
      sections: { 'iptables-rules': 'iptables-policy-drop/input-drop-accepts-all' },
      context: cp,
      message: /INPUT lets tcp\/22, tcp\/6443, tcp\/10250 in/,
    },
  ],
  invalid: [
    {
      name: "output cut at the cap (the script's head -c exits the probe with SIGPIPE, 141)",
      sections: {
        'iptables-rules': section('### iptables-legacy-save\n-P INPUT ACCEPT\n', { truncated: true, exitCode: 141 }),
      },
      expect: { status: 'error', message: /more than the output cap; its output was cut/ },
    },
    {
      name: 'the field log: DROP policy, rules flushed',
      sections: {
        'iptables-rules': 'iptables-policy-drop/input-drop-flushed',
        'nft-ruleset': 'iptables-policy-drop/input-drop-flushed',
      },
      expect: {
        status: 'fail',
        message: /iptables-nft INPUT drops SSH \(tcp\/22\): policy DROP and no ACCEPT rule for it/,
        evidence: [/INPUT policy DROP, 0 rules/],
        fix: /iptables -P INPUT ACCEPT/,
      },
    },
    {
      name: 'only SSH accepted: a worker loses the kubelet API',
      sections: { 'iptables-rules': 'iptables-policy-drop/input-drop-ssh-only' },
      expect: { status: 'fail', message: /drops kubelet API \(tcp\/10250\)/ },
    },
    {
      name: 'only SSH accepted: a control plane also loses the API server',
      sections: { 'iptables-rules': 'iptables-policy-drop/input-drop-ssh-only' },
      context: cp,
      expect: { status: 'fail', message: /drops kube-apiserver \(tcp\/6443\).*\(and 1 more problem\)/ },
    },
    {
      name: 'user chain accepts 22 and 6443, an explicit REJECT for 10250, FORWARD DROP',
      sections: { 'iptables-rules': 'iptables-policy-drop/user-chain-reject' },
      context: cp,
      expect: {
        status: 'fail',
        message: /drops kubelet API \(tcp\/10250\): rule -A INPUT -p tcp -m tcp --dport 10250 -j REJECT/,
        evidence: [/FORWARD policy is DROP/],
      },
    },
    {
      name: 'native nftables input chain with policy drop (only 22 and 6443 accepted)',
      sections: {
        'iptables-rules': 'iptables-policy-drop/nft-native-drop',
        'nft-ruleset': 'iptables-policy-drop/nft-native-drop',
      },
      expect: {
        status: 'fail',
        message: /nft inet filter chain input drops kubelet API \(tcp\/10250\): policy drop/,
        evidence: [/forward policy drop/],
      },
    },
    {
      name: 'no iptables or nft (busybox)',
      sections: { 'iptables-rules': 'iptables-policy-drop/no-tools', 'nft-ruleset': 'iptables-policy-drop/no-tools' },
      expect: { status: 'skip', message: /could be run/ },
    },
  ],
});

it('judges 6443 only on control-plane nodes', () => {
  expect(portsFor(['worker'])).toEqual([22, 10250]);
  expect(portsFor(['control-plane'])).toEqual([22, 6443, 10250]);
});
