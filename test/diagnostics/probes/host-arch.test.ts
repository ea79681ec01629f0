import { describe, expect, it } from 'vitest';
import { parseHostArch } from '../../../src/diagnostics/probes/host-arch';
import { fixtureLines, out } from './fixture';

describe('parseHostArch', () => {
  it.each([
    ['host-box-arch/linux-x86_64.host-arch', { machine: 'x86_64', kernel: 'Linux', appleArm: false, complete: true }],
    [
      'host-box-arch/handmade-macos-arm64.host-arch',
      { machine: 'arm64', kernel: 'Darwin', appleArm: true, complete: true },
    ],
    [
      'host-box-arch/handmade-macos-rosetta.host-arch',
      { machine: 'x86_64', kernel: 'Darwin', appleArm: true, complete: true },
    ],
  ])('reads %s', (path, value) => {
    expect(parseHostArch(fixtureLines(path))).toEqual({ ok: true, value });
  });

  it('reports a cut-short output as incomplete, not as an error (each check decides)', () => {
    expect(parseHostArch(out('uname-s Linux'))).toEqual({
      ok: true,
      value: { machine: undefined, kernel: 'Linux', appleArm: false, complete: false },
    });
  });

  it.each([
    ['a stray line', 'uname-m x86_64\nsysctl: unknown oid\n### end', 'sysctl: unknown oid', 2],
    ['an unknown tag', 'arch aarch64\n### end', 'arch aarch64', 1],
  ])('rejects %s with its line', (_name, text, line, no) => {
    expect(parseHostArch(out(text))).toEqual({
      ok: false,
      what: 'expected uname-m/uname-s/hw.optional.arm64 lines',
      line,
      no,
    });
  });
});
