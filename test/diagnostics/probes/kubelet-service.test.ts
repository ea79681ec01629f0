import { describe, expect, it } from 'vitest';
import { parseKubeletService } from '../../../src/diagnostics/probes/kubelet-service';
import { fixtureLines, out } from './fixture';

const NO_SYSTEMD = "System has not been booted with systemd as init system (PID 1). Can't operate.";

describe('parseKubeletService', () => {
  it('reads a crash loop (hand-made)', () => {
    expect(parseKubeletService(fixtureLines('kubelet-inactive/handmade-crashloop.kubelet-service'))).toEqual({
      ok: true,
      value: {
        active: 'activating',
        show: new Map([
          ['LoadState', 'loaded'],
          ['ActiveState', 'activating'],
          ['SubState', 'auto-restart'],
          ['Result', 'exit-code'],
          ['NRestarts', '42'],
          ['ExecMainStatus', '1'],
        ]),
        showLines: [
          'LoadState=loaded',
          'ActiveState=activating',
          'SubState=auto-restart',
          'Result=exit-code',
          'NRestarts=42',
          'ExecMainStatus=1',
        ],
      },
    });
  });

  it("keeps systemctl's errors as show lines without a key (real: no systemd on the capture machine)", () => {
    expect(parseKubeletService(fixtureLines('kubelet-inactive/no-systemd.kubelet-service'))).toEqual({
      ok: true,
      value: { active: NO_SYSTEMD, show: new Map(), showLines: [NO_SYSTEMD, 'Failed to connect to bus: Host is down'] },
    });
  });

  it('takes the state from systemctl show alone (issue 16: no is-active line; real: no systemd here)', () => {
    expect(parseKubeletService(fixtureLines('kubelet-inactive/no-systemd-show-only.kubelet-service'))).toEqual({
      ok: true,
      value: { active: NO_SYSTEMD, show: new Map(), showLines: [NO_SYSTEMD, 'Failed to connect to bus: Host is down'] },
    });
  });

  it('reads ActiveState as the active state when there is no is-active line', () => {
    for (const fixture of ['handmade-crashloop', 'handmade-active', 'handmade-not-installed']) {
      const lines = fixtureLines(`kubelet-inactive/${fixture}.kubelet-service`);
      const withIt = parseKubeletService(lines);
      const without = parseKubeletService(lines.filter((line) => !line.startsWith('is-active ')));
      expect(without, fixture).toEqual(withIt);
    }
  });

  it('reads an active unit (hand-made)', () => {
    const parsed = parseKubeletService(fixtureLines('kubelet-inactive/handmade-active.kubelet-service'));
    expect(parsed.ok && parsed.value?.active).toBe('active');
    expect(parsed.ok && parsed.value?.show.get('SubState')).toBe('running');
  });

  it('gives null when systemctl is not installed', () => {
    expect(parseKubeletService(out('### missing systemctl\n### end'))).toEqual({ ok: true, value: null });
  });

  it.each([
    [
      'another tag',
      'is-active active\nstate running\n### end',
      'expected "is-active ..." or "show ..." lines',
      'state running',
      2,
    ],
    ['a marker block', 'is-active active\n### extra x\n### end', 'unknown marker', '### extra', 2],
    [
      'neither an is-active line nor an ActiveState',
      'show LoadState=loaded\n### end',
      'no active state (output cut short?)',
      'show LoadState=loaded',
      1,
    ],
    ['no end marker', 'is-active active', 'no active state (output cut short?)', 'is-active active', 1],
  ])('rejects %s', (_name, text, what, line, no) => {
    expect(parseKubeletService(out(text))).toEqual({ ok: false, what, line, no });
  });
});
