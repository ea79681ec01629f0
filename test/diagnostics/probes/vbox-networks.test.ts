import { describe, expect, it } from 'vitest';
import { parseVboxNetworks } from '../../../src/diagnostics/probes/vbox-networks';
import { fixtureLines, out } from './fixture';

describe('parseVboxNetworks', () => {
  it.each([
    [
      'host-only-range/outside-allowed.vbox-networks',
      { file: '/etc/vbox/networks.conf', ranges: ['10.0.0.0/8', '192.168.0.0/16', '2001::/64'] },
    ],
    ['host-only-range/inside-default.vbox-networks', { file: undefined, ranges: [] }],
  ])('reads %s', (path, value) => {
    expect(parseVboxNetworks(fixtureLines(path))).toEqual({ ok: true, value });
  });

  it('keeps only `*` lines and treats an unreadable file like no file', () => {
    expect(parseVboxNetworks(out('### file /etc/vbox/networks.conf\n| # comment\n|   * 10.1.0.0/16\n### end'))).toEqual(
      { ok: true, value: { file: '/etc/vbox/networks.conf', ranges: ['10.1.0.0/16'] } },
    );
    expect(parseVboxNetworks(out('### unreadable /etc/vbox/networks.conf\n### end'))).toEqual({
      ok: true,
      value: { file: undefined, ranges: [] },
    });
  });

  it.each([
    ['text before the first marker', 'oops\n### end', 'output before the first marker', 'oops', 1],
    [
      'no end marker',
      '### file /etc/vbox/networks.conf\n| * 10.0.0.0/8',
      'no end marker (output cut short?)',
      '| * 10.0.0.0/8',
      2,
    ],
  ])('rejects %s', (_name, text, what, line, no) => {
    expect(parseVboxNetworks(out(text))).toEqual({ ok: false, what, line, no });
  });
});
