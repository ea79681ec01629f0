import check from '../../../src/diagnostics/checks/cni-config-missing';
import { runCases, section } from './tester';

const real = (name: string) => ({ 'cni-conf': `cni-config-missing/${name}` });

runCases(check, {
  valid: [
    {
      name: "Flannel's 10-flannel.conflist (real directory listing)",
      sections: real('flannel'),
      message: /10-flannel\.conflist \(flannel, portmap\)/,
    },
  ],
  invalid: [
    {
      name: 'empty /etc/cni/net.d on a joined node (real)',
      sections: real('empty'),
      expect: { status: 'fail', message: /\/etc\/cni\/net\.d is empty.*NetworkReady=false/, fix: /kubectl apply/ },
    },
    {
      name: 'no /etc/cni/net.d at all (real)',
      sections: real('no-dir'),
      expect: { status: 'fail', message: /does not exist/ },
    },
    {
      name: 'only a .bak file left by an earlier CNI (real)',
      sections: real('leftover-backup'),
      expect: { status: 'fail', message: /no \.conf\/\.conflist file \(only 10-calico\.conflist\.bak\)/ },
    },
    {
      name: 'kubelet not configured yet (real)',
      sections: real('not-joined'),
      expect: { status: 'skip', message: /not configured yet/ },
    },
    {
      name: 'a 0700 /etc/cni/net.d read without root is not called empty',
      sections: { 'cni-conf': section('### unreadable /etc/cni/net.d\n### kubelet configured\n### end\n') },
      expect: { status: 'skip', message: /not readable by this user/ },
    },
    {
      name: 'no kubelet line (cut or foreign output)',
      sections: { 'cni-conf': section('### dir /etc/cni/net.d\n### end\n') },
      expect: { status: 'error', message: /no "### kubelet" line/ },
    },
  ],
});
