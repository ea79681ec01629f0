/**
 * Adding runbooks must not move the meaning of a confidence level. Six placeholder runbooks,
 * written like the six planned ones (kubeadm, containerd, CNI, VirtualBox words that overlap the
 * existing pages), are added to the real ten; every runbook that was confident for a text stays
 * confident with the same confidence, and none that was weak becomes confident.
 */
import { describe, expect, it } from 'vitest';
import { runbookEntries } from '../../../src/diagnostics/runbooks/runbook-data';
import { toMatchDoc } from '../../../src/retrieval/docs';
import { buildMatcher, type Match, type MatchDoc } from '../../../src/retrieval/matcher';
import { MATCHER_CASES as CASES } from '../../queries/shared';
import { loadCorpus } from './corpus/corpus';

const base = runbookEntries.map((entry) => toMatchDoc(entry.frontmatter));
const placeholders: MatchDoc[] = [
  [
    'cgroup',
    'kubelet cgroup driver does not match the container runtime',
    'misconfiguration: kubelet cgroup driver: "systemd" is different from docker cgroup driver: "cgroupfs"',
  ],
  [
    'cri',
    'kubeadm init fails: container runtime is not running',
    '[ERROR CRI]: container runtime is not running: validate CRI v1 runtime API for endpoint',
  ],
  ['cni-nat', 'flannel uses the VirtualBox NAT interface', 'Using interface with name enp0s3 and address 10.0.2.15'],
  ['cidr', 'pod network overlaps the host network', 'the pod CIDR 192.168.0.0/16 overlaps the node network'],
  [
    'hostonly',
    'VirtualBox host-only address outside the allowed range',
    'The IP address configured for the host-only network is not within the allowed ranges',
  ],
  [
    'cni-missing',
    'nodes NotReady: no CNI installed',
    'container runtime network not ready: NetworkReady=false reason:NetworkPluginNotReady message:Network plugin returns error: cni plugin not initialized',
  ],
].map(([id, title, signature]) => ({
  id: `placeholder-${id}`,
  title: title as string,
  signatures: [signature as string],
  supports: ['[preflight] Running pre-flight checks', 'kubeadm join 192.168.56.10:6443 --token'],
  symptoms: [`${title as string} after vagrant up and the Ansible playbook`, 'kubectl get nodes shows NotReady'],
  cause: `${title as string}, so the cluster does not come up on the Vagrant VMs.`,
}));

const ten = buildMatcher(base);
const sixteen = buildMatcher([...base, ...placeholders]);
const texts = [
  ...CASES.map((c) => c.text),
  ...loadCorpus()
    .filter((item) => !item.heldOut)
    .map((item) => item.text),
];
const all = (matcher: typeof ten, text: string): Map<string, Match> =>
  new Map(matcher.match(text, { limit: 100, minConfidence: 0 }).map((m) => [m.id, m]));

describe('confidence calibration: six more runbooks change no confident answer', () => {
  it(`holds for ${texts.length} texts`, () => {
    let confident = 0;
    for (const text of texts) {
      const before = all(ten, text);
      const after = all(sixteen, text);
      for (const [id, match] of before) {
        const later = after.get(id);
        if (!match.weak) {
          confident += 1;
          expect(later?.confidence, `${id}: ${text.slice(0, 60)}`).toBe(match.confidence);
        } else {
          expect(later === undefined || later.weak, `${id} became confident: ${text.slice(0, 60)}`).toBe(true);
        }
      }
    }
    expect(confident).toBeGreaterThan(20);
  });
});
