import { describe, expect, it } from 'vitest';
import { parseBrNetfilter } from '../../../src/diagnostics/probes/br-netfilter';
import { fixtureLines, out } from './fixture';

const BOTH_1 = { 'bridge-nf-call-iptables': '1', 'bridge-nf-call-ip6tables': '1' };

describe('parseBrNetfilter', () => {
  it.each([
    [
      'br-netfilter-missing/built-in.br-netfilter',
      { module: 'no-proc-modules', sysfs: 'absent', call: '1', sysctl: BOTH_1, persisted: [] },
    ],
    [
      'br-netfilter-missing/call-iptables-0.br-netfilter',
      {
        module: 'no-proc-modules',
        sysfs: 'absent',
        call: '0',
        sysctl: { 'bridge-nf-call-iptables': '0', 'bridge-nf-call-ip6tables': '1' },
        persisted: [],
      },
    ],
    [
      'br-netfilter-missing/handmade-loaded-persisted.br-netfilter',
      {
        module: 'loaded',
        sysfs: 'present',
        call: '1',
        sysctl: BOTH_1,
        persisted: ['/etc/modules-load.d/k8s.conf'],
      },
    ],
    [
      'br-netfilter-missing/handmade-not-loaded.br-netfilter',
      {
        module: 'not-loaded',
        sysfs: 'absent',
        call: 'absent',
        sysctl: { 'bridge-nf-call-iptables': 'absent', 'bridge-nf-call-ip6tables': 'absent' },
        persisted: [],
      },
    ],
  ])('reads %s', (path, value) => {
    expect(parseBrNetfilter(fixtureLines(path))).toEqual({ ok: true, value });
  });

  it('keeps the sysctls in probe order', () => {
    const parsed = parseBrNetfilter(fixtureLines('br-netfilter-missing/call-iptables-0.br-netfilter'));
    expect(parsed.ok && Object.keys(parsed.value.sysctl)).toEqual([
      'bridge-nf-call-iptables',
      'bridge-nf-call-ip6tables',
    ]);
  });

  it.each([
    [
      'a sysctl that is no number',
      'module loaded\nsysctl bridge-nf-call-iptables yes\n### end',
      'expected module/sysfs/sysctl/persist lines',
      'sysctl bridge-nf-call-iptables yes',
      2,
    ],
    [
      'an unknown module state',
      'module maybe\n### end',
      'expected module/sysfs/sysctl/persist lines',
      'module maybe',
      1,
    ],
    ['an empty persist line', 'persist\n### end', 'expected module/sysfs/sysctl/persist lines', 'persist', 1],
    ['a marker block', 'module loaded\n### extra x\n### end', 'unknown marker', '### extra x', 2],
    [
      'no end marker',
      'module loaded\nsysfs present\nsysctl bridge-nf-call-iptables 1',
      'some status lines are missing (output cut short?)',
      'module loaded | sysfs present | sysctl bridge-nf-call-iptables 1',
      1,
    ],
    [
      'no bridge-nf-call-iptables line',
      'module loaded\nsysfs present\nsysctl bridge-nf-call-ip6tables 1\n### end',
      'some status lines are missing (output cut short?)',
      'module loaded | sysfs present | sysctl bridge-nf-call-ip6tables 1 | ### end',
      1,
    ],
  ])('rejects %s', (_name, text, what, line, no) => {
    expect(parseBrNetfilter(out(text))).toEqual({ ok: false, what, line, no });
  });
});
