import check from '../../../src/diagnostics/checks/iptables-backend-split';
import { runCases } from './tester';

runCases(check, {
  valid: [
    {
      name: 'all rules in nft, iptables uses nft',
      sections: { 'iptables-rules': 'iptables-policy-drop/input-drop-accepts-all' },
      message: /all rules are in iptables-nft/,
    },
    {
      name: 'no rules',
      sections: { 'iptables-rules': 'iptables-policy-drop/fresh' },
      message: /no iptables rules in either backend/,
    },
  ],
  invalid: [
    {
      name: 'rules in both backends',
      sections: { 'iptables-rules': 'iptables-backend-split/both-backends' },
      expect: {
        status: 'fail',
        message: /rules in both iptables-legacy and iptables-nft; the iptables command here uses nf_tables/,
        evidence: [/iptables-legacy-save: 1 rules \(filter 1\)/, /# Warning: iptables-legacy tables present/],
        fix: /update-alternatives/,
      },
    },
    {
      name: 'rules only in legacy while iptables is nf_tables',
      sections: { 'iptables-rules': 'iptables-backend-split/legacy-only' },
      expect: { status: 'warn', message: /all rules are in iptables-legacy but the iptables command uses nf_tables/ },
    },
    {
      name: 'tools missing',
      sections: { 'iptables-rules': 'iptables-policy-drop/no-tools' },
      expect: { status: 'skip', message: /not both available/ },
    },
  ],
});
