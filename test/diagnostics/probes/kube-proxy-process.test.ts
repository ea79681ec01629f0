import { describe, expect, it } from 'vitest';
import { parseKubeProxyProcess } from '../../../src/diagnostics/probes/kube-proxy-process';
import { fixtureLines, out } from './fixture';

describe('parseKubeProxyProcess', () => {
  it.each([
    ['iptables-kube-chains-flushed/running.kube-proxy-process', ['9703']],
    ['iptables-kube-chains-flushed/no-kube-proxy.kube-proxy-process', []],
  ])('reads %s', (path, value) => {
    expect(parseKubeProxyProcess(fixtureLines(path))).toEqual({ ok: true, value });
  });

  it('keeps every pid in /proc order', () => {
    expect(parseKubeProxyProcess(out('pid 12\npid 7\n### end'))).toEqual({ ok: true, value: ['12', '7'] });
  });

  it.each([
    ['a pid that is no number', 'pid 12a\n### end', 'expected "pid <n>" lines', 'pid 12a', 1],
    ['another tag', 'pid 12\nname kube-proxy\n### end', 'expected "pid <n>" lines', 'name kube-proxy', 2],
    ['a marker block', 'pid 12\n### extra x\n### end', 'unknown marker', '### extra', 2],
    ['no end marker', 'pid 12', 'no end marker (output cut short?)', 'pid 12', 1],
  ])('rejects %s', (_name, text, what, line, no) => {
    expect(parseKubeProxyProcess(out(text))).toEqual({ ok: false, what, line, no });
  });
});
