import { describe, expect, it } from 'vitest';
import { parseIpForward } from '../../../src/diagnostics/probes/ip-forward';
import { fixtureLines, out } from './fixture';

describe('parseIpForward', () => {
  it.each([
    ['ip-forward-disabled/forwarding-not-persisted.ip-forward', { value: '1', persisted: [] }],
    [
      'ip-forward-disabled/forwarding-persisted.ip-forward',
      { value: '1', persisted: ['/etc/sysctl.d/k8s.conf:net.ipv4.ip_forward = 1'] },
    ],
    ['ip-forward-disabled/netns-default.ip-forward', { value: '0', persisted: [] }],
  ])('reads %s', (path, value) => {
    expect(parseIpForward(fixtureLines(path))).toEqual({ ok: true, value });
  });

  it.each([
    ['an unknown tag', 'value 1\nforward 1\n### end', 'expected "value ..." or "persist ..." lines', 'forward 1', 2],
    ['a marker block', 'value 1\n### extra x\n### end', 'unknown marker', '### extra x', 2],
    ['no end marker', 'value 1', 'no "value" line and end marker (output cut short?)', 'value 1', 1],
    ['no value line', '### end', 'no "value" line and end marker (output cut short?)', '### end', 1],
  ])('rejects %s', (_name, text, what, line, no) => {
    expect(parseIpForward(out(text))).toEqual({ ok: false, what, line, no });
  });
});
