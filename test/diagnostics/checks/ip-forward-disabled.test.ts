import check from '../../../src/diagnostics/checks/ip-forward-disabled';
import { runCases, section } from './tester';

runCases(check, {
  valid: [
    {
      name: 'forwarding on and persisted in /etc/sysctl.d',
      sections: { 'ip-forward': 'ip-forward-disabled/forwarding-persisted' },
      message: /^ip_forward is 1$/,
    },
    {
      name: 'forwarding on, not persisted',
      sections: { 'ip-forward': 'ip-forward-disabled/forwarding-not-persisted' },
      message: /not set in any sysctl file/,
    },
  ],
  invalid: [
    {
      name: 'a new network namespace starts with forwarding off',
      sections: { 'ip-forward': 'ip-forward-disabled/netns-default' },
      expect: { status: 'fail', message: /ip_forward is 0/, evidence: [/ip_forward = 0/], fix: /sysctl --system/ },
    },
    {
      name: 'odd value',
      sections: { 'ip-forward': section('value 2\n### end\n') },
      expect: { status: 'error', message: /neither 0 nor 1/ },
    },
    {
      name: 'cut short',
      sections: { 'ip-forward': section('value 1\n') },
      expect: { status: 'error', message: /cut short/ },
    },
  ],
});
