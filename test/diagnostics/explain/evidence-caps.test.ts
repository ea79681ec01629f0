/**
 * Evidence in the runbooks' frontmatter that caps an answer at "possibly related" (undecidedBy,
 * supports) or lets a line decide (signatures), from the causes of the batch 3 failures. The texts
 * are minimal reproductions written here, not corpus texts: each pair shows the deciding line alone
 * (confident) and with the evidence that says the same error has another cause (weak).
 */
import { describe, expect, it } from 'vitest';
import { answer } from './answer';

describe('explain: evidence that caps a deciding signature', () => {
  it.each([
    [
      'exec-format-error',
      'bash: ./kubeadm: cannot execute binary file: Exec format error',
      [
        'the entrypoint script fails: exec format error',
        'exec format error because the script has no shebang line',
        'exec /usr/bin/app: exec format error',
        'docker: Error response from daemon: System error: exec format error',
      ],
    ],
    [
      'cni-not-installed',
      'Warning  NetworkNotReady  kubelet  cni plugin not initialized',
      [
        'the flannel pod is running but the kubelet says cni plugin not initialized',
        'I applied calico yesterday; still cni plugin not initialized',
        'cni plugin not initialized\nAnnotations: flannel.alpha.coreos.com/backend-type: vxlan',
      ],
    ],
    [
      'iptables-flush-lockout',
      'Chain INPUT (policy DROP)\nChain FORWARD (policy DROP)',
      ['Chain INPUT (policy DROP)\nKUBE-FIREWALL  all  --  anywhere  anywhere'],
    ],
  ])('%s: decides alone, only "possibly related" with other causes in sight', (id, decides, capped) => {
    expect(answer(decides)).toEqual({ id, confident: true });
    for (const text of capped) expect(answer(text), text).toEqual({ id, confident: false });
  });

  it('a kubeadm preflight error (init prints it too, and it stops at once) only supports the join hang', () => {
    for (const text of [
      '[ERROR Swap]: running with swap on is not supported. Please disable swap',
      '[ERROR FileContent--proc-sys-net-bridge-bridge-nf-call-iptables]: /proc/sys/net/bridge/bridge-nf-call-iptables does not exist',
    ]) {
      expect(answer(text), text).toEqual({ id: 'kubeadm-join-hangs', confident: false });
    }
  });

  it('kubeadm join retrying discovery decides the join hang', () => {
    expect(
      answer(
        '[discovery] Failed to request cluster info, will try again: [Get https://10.0.0.5:6443/api/v1/namespaces/kube-public/configmaps/cluster-info: dial tcp 10.0.0.5:6443: i/o timeout]',
      ),
    ).toEqual({
      id: 'kubeadm-join-hangs',
      confident: true,
    });
  });
});
