import check from '../../../src/diagnostics/checks/kubelet-inactive';
import { runCases, section } from './tester';

runCases(check, {
  valid: [
    {
      name: 'active (hand-made: no systemd on the capture machine)',
      sections: { 'kubelet-service': 'kubelet-inactive/handmade-active' },
      message: /kubelet is active/,
    },
  ],
  invalid: [
    {
      name: 'no systemd (real: this machine boots without systemd)',
      sections: { 'kubelet-service': 'kubelet-inactive/no-systemd', 'kubelet-journal': 'kubelet-inactive/no-systemd' },
      expect: { status: 'skip', message: /systemd is not running/ },
    },
    {
      name: 'crash loop with the journal saying why (hand-made)',
      sections: {
        'kubelet-service': 'kubelet-inactive/handmade-crashloop',
        'kubelet-journal': 'kubelet-inactive/handmade-crashloop',
      },
      expect: {
        status: 'fail',
        message: /restarting in a loop \(42 restarts\)/,
        evidence: [/running with swap on is not supported/, /NRestarts=42/],
        fix: /journalctl -u kubelet/,
      },
    },
    {
      name: 'waiting for kubeadm before the join (hand-made)',
      sections: {
        'kubelet-service': 'kubelet-inactive/handmade-crashloop',
        'kubelet-journal': 'kubelet-inactive/handmade-before-join',
      },
      expect: {
        status: 'warn',
        message: /config\.yaml does not exist yet/,
        evidence: [/failed to load kubelet config file/],
      },
    },
    {
      name: 'unit not installed (hand-made)',
      sections: { 'kubelet-service': 'kubelet-inactive/handmade-not-installed' },
      expect: { status: 'fail', message: /does not exist: kubelet is not installed/ },
    },
    {
      name: 'journal skipped for sudo: still judged, reason kept',
      sections: {
        'kubelet-service': 'kubelet-inactive/handmade-crashloop',
        'kubelet-journal': section('', { skipped: true, skipReason: 'sudo: a password is required' }),
      },
      expect: { status: 'fail', evidence: [/journal not read: .*password is required/] },
    },
    {
      name: 'systemctl missing',
      sections: { 'kubelet-service': section('### missing systemctl\n### end\n') },
      expect: { status: 'skip', message: /systemctl is not installed/ },
    },
    {
      name: 'not a unit state',
      sections: { 'kubelet-service': section('is-active banana\n### end\n') },
      expect: { status: 'error', message: /not a systemd unit state.*banana/ },
    },
  ],
});
