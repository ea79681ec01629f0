import { describe, expect, it } from 'vitest';
import { parsePodCidr } from '../../../src/diagnostics/probes/pod-cidr';
import { fixtureLines, out } from './fixture';

const MANIFEST = '/etc/kubernetes/manifests/kube-controller-manager.yaml';

describe('parsePodCidr', () => {
  it.each([
    [
      'pod-cidr-overlaps-node/flannel-default.pod-cidr',
      { manifest: MANIFEST, flag: { text: '11:--cluster-cidr=10.244.0.0/16', no: 3 }, ranges: ['10.244.0.0/16'] },
    ],
    [
      'pod-cidr-overlaps-node/overlap.pod-cidr',
      { manifest: MANIFEST, flag: { text: '11:--cluster-cidr=198.51.0.0/16', no: 3 }, ranges: ['198.51.0.0/16'] },
    ],
    ['pod-cidr-overlaps-node/no-cluster-cidr.pod-cidr', { manifest: MANIFEST, flag: undefined, ranges: [] }],
  ])('reads %s', (path, value) => {
    expect(parsePodCidr(fixtureLines(path))).toEqual({ ok: true, value });
  });

  it('splits a dual-stack value and gives null without a manifest', () => {
    const dual = parsePodCidr(out(`### manifest ${MANIFEST}\n| 9:--cluster-cidr=10.244.0.0/16,fd00::/108\n### end`));
    expect(dual.ok && dual.value?.ranges).toEqual(['10.244.0.0/16', 'fd00::/108']);
    expect(parsePodCidr(out(`### nomanifest ${MANIFEST}\n### end`))).toEqual({ ok: true, value: null });
    expect(parsePodCidr(out(`### unreadable ${MANIFEST}\n### end`))).toEqual({ ok: true, value: null });
  });

  it.each([
    ['text before the first marker', 'awk: not found\n### end', 'output before the first marker', 'awk: not found', 1],
    ['no end marker', `### manifest ${MANIFEST}`, 'no end marker (output cut short?)', `### manifest ${MANIFEST}`, 1],
  ])('rejects %s', (_name, text, what, line, no) => {
    expect(parsePodCidr(out(text))).toEqual({ ok: false, what, line, no });
  });
});
