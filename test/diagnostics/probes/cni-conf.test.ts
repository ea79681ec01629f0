import { describe, expect, it } from 'vitest';
import { parseCniConf } from '../../../src/diagnostics/probes/cni-conf';
import { fixtureLines, out } from './fixture';

const base = { kubeletConfigured: true, unreadable: undefined, noDir: false, entries: [] };

describe('parseCniConf', () => {
  it.each([
    [
      'cni-config-missing/flannel.cni-conf',
      { ...base, entries: [{ path: '/etc/cni/net.d/10-flannel.conflist', types: ['flannel', 'portmap'] }] },
    ],
    [
      'cni-config-missing/leftover-backup.cni-conf',
      { ...base, entries: [{ path: '/etc/cni/net.d/10-calico.conflist.bak', types: [] }] },
    ],
    ['cni-config-missing/empty.cni-conf', base],
    ['cni-config-missing/no-dir.cni-conf', { ...base, noDir: true }],
    ['cni-config-missing/not-joined.cni-conf', { ...base, kubeletConfigured: false }],
  ])('reads %s', (path, value) => {
    expect(parseCniConf(fixtureLines(path))).toEqual({ ok: true, value });
  });

  it('names an unreadable directory', () => {
    expect(parseCniConf(out('### unreadable /etc/cni/net.d\n### kubelet configured\n### end'))).toEqual({
      ok: true,
      value: { ...base, unreadable: '/etc/cni/net.d' },
    });
  });

  it.each([
    ['no kubelet line', '### dir /etc/cni/net.d\n### end', 'no "### kubelet" line', '### dir /etc/cni/net.d', 1],
    ['text before the first marker', 'ls: denied\n### end', 'output before the first marker', 'ls: denied', 1],
    ['no end marker', '### nodir /etc/cni/net.d', 'no end marker (output cut short?)', '### nodir /etc/cni/net.d', 1],
  ])('rejects %s', (_name, text, what, line, no) => {
    expect(parseCniConf(out(text))).toEqual({ ok: false, what, line, no });
  });
});
