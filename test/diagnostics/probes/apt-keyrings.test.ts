import { describe, expect, it } from 'vitest';
import { parseAptKeyrings } from '../../../src/diagnostics/probes/apt-keyrings';
import { fixtureLines, out } from './fixture';

const dir = 'apt-signed-by-missing';

describe('parseAptKeyrings', () => {
  it.each([
    [
      `${dir}/signed.apt-keyrings`,
      22,
      { size: 11861, path: '/etc/apt/trusted.gpg.d/debian-archive-bookworm-automatic.asc' },
    ],
    [`${dir}/unsigned.apt-keyrings`, 22, { size: 695, path: '/etc/apt/trusted.gpg' }],
    [`${dir}/legacy-trusted-gpg.apt-keyrings`, 22, { size: 55918, path: '/etc/apt/trusted.gpg' }],
    [
      `${dir}/unsigned-no-legacy.apt-keyrings`,
      21,
      { size: 11861, path: '/etc/apt/trusted.gpg.d/debian-archive-bookworm-automatic.asc' },
    ],
  ])('reads %s', (path, count, first) => {
    const parsed = parseAptKeyrings(fixtureLines(path));
    expect(parsed.ok && parsed.value.length).toBe(count);
    expect(parsed.ok && parsed.value[0]).toEqual(first);
  });

  it('reads the kubernetes keyring of the signed case with its size', () => {
    const parsed = parseAptKeyrings(fixtureLines(`${dir}/signed.apt-keyrings`));
    expect(parsed.ok && parsed.value.find((key) => key.path.startsWith('/etc/apt/keyrings/'))).toEqual({
      size: 1175,
      path: '/etc/apt/keyrings/kubernetes-apt-keyring.gpg',
    });
  });

  it('gives an empty list when no keyring exists', () => {
    expect(parseAptKeyrings(out('### end'))).toEqual({ ok: true, value: [] });
  });

  it.each([
    [
      'a size that is no number',
      'key big /etc/apt/trusted.gpg\n### end',
      'expected "key <bytes> <path>" lines',
      'key big /etc/apt/trusted.gpg',
      1,
    ],
    ['a relative path', 'key 10 trusted.gpg\n### end', 'expected "key <bytes> <path>" lines', 'key 10 trusted.gpg', 1],
    ['a marker block', 'key 10 /etc/apt/trusted.gpg\n### extra x\n### end', 'unknown marker', '### extra', 2],
    [
      'no end marker',
      'key 10 /etc/apt/trusted.gpg',
      'no end marker (output cut short?)',
      'key 10 /etc/apt/trusted.gpg',
      1,
    ],
  ])('rejects %s', (_name, text, what, line, no) => {
    expect(parseAptKeyrings(out(text))).toEqual({ ok: false, what, line, no });
  });
});
