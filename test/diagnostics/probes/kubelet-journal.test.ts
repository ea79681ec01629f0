import { describe, expect, it } from 'vitest';
import { parseKubeletJournal } from '../../../src/diagnostics/probes/kubelet-journal';
import { fixtureLines, out } from './fixture';

describe('parseKubeletJournal', () => {
  it('reads the journal of a machine without systemd (real)', () => {
    expect(parseKubeletJournal(fixtureLines('kubelet-inactive/no-systemd.kubelet-journal'))).toEqual({
      ok: true,
      value: { config: false, kubeconfig: false, lines: ['No journal files were found.', '-- No entries --'] },
    });
  });

  it('reads a crash loop with its config in place (hand-made)', () => {
    const parsed = parseKubeletJournal(fixtureLines('kubelet-inactive/handmade-crashloop.kubelet-journal'));
    expect(parsed.ok && { ...parsed.value, lines: parsed.value.lines.length }).toEqual({
      config: true,
      kubeconfig: true,
      lines: 3,
    });
    expect(parsed.ok && parsed.value.lines[0]).toMatch(/running with swap on is not supported/);
  });

  it('reads a node before kubeadm wrote the config (hand-made)', () => {
    const parsed = parseKubeletJournal(fixtureLines('kubelet-inactive/handmade-before-join.kubelet-journal'));
    expect(parsed.ok && [parsed.value.config, parsed.value.kubeconfig, parsed.value.lines.length]).toEqual([
      false,
      false,
      1,
    ]);
  });

  it('reads a node without journalctl, blank journal lines left out', () => {
    expect(parseKubeletJournal(out('config present\n### missing journalctl\n### end'))).toEqual({
      ok: true,
      value: { config: true, kubeconfig: undefined, lines: [] },
    });
    expect(parseKubeletJournal(out('### journal\n| a\n|\n|   \n| b\n### end'))).toEqual({
      ok: true,
      value: { config: undefined, kubeconfig: undefined, lines: ['a', 'b'] },
    });
  });

  it.each([
    ['another state', 'config maybe\n### end', 'expected "config|kubeconfig present|absent" lines', 'config maybe', 1],
    [
      'another tag',
      'config present\nunit kubelet\n### end',
      'expected "config|kubeconfig present|absent" lines',
      'unit kubelet',
      2,
    ],
    ['a marker block', 'config present\n### extra x\n### end', 'unknown marker', '### extra', 2],
  ])('rejects %s', (_name, text, what, line, no) => {
    expect(parseKubeletJournal(out(text))).toEqual({ ok: false, what, line, no });
  });
});
