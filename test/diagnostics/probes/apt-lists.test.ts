import { describe, expect, it } from 'vitest';
import { parseAptLists } from '../../../src/diagnostics/probes/apt-lists';
import { fixtureLines, out } from './fixture';

const LISTS = '/var/lib/apt/lists/deb.debian.org_debian';

describe('parseAptLists', () => {
  it.each([
    [
      'apt-lists-stale/fresh.apt-lists',
      {
        now: 1795757708,
        lists: [
          { time: 1795754840, file: `${LISTS}-security_dists_bookworm-security_InRelease` },
          { time: 1795754840, file: `${LISTS}_dists_bookworm-updates_InRelease` },
          { time: 1783764997, file: `${LISTS}_dists_bookworm_InRelease` },
        ],
        stamps: [],
      },
    ],
    ['apt-lists-stale/no-lists.apt-lists', { now: 1795757709, lists: [], stamps: [] }],
  ])('reads %s', (path, value) => {
    expect(parseAptLists(fixtureLines(path))).toEqual({ ok: true, value });
  });

  it('reads the 45 days old lists', () => {
    const parsed = parseAptLists(fixtureLines('apt-lists-stale/lists-45-days.apt-lists'));
    const value = parsed.ok ? parsed.value : null;
    expect(value?.lists.map((list) => value.now - list.time)).toEqual([3888000, 3888000, 3888000]);
  });

  it('keeps stamps apart from lists', () => {
    const text = 'now 100\nlist 90 /var/lib/apt/lists/x_InRelease\nstamp 80 /var/cache/apt/pkgcache.bin\n### end';
    expect(parseAptLists(out(text))).toEqual({
      ok: true,
      value: {
        now: 100,
        lists: [{ time: 90, file: '/var/lib/apt/lists/x_InRelease' }],
        stamps: [{ time: 80, file: '/var/cache/apt/pkgcache.bin' }],
      },
    });
  });

  it('gives null when apt-get is not installed', () => {
    expect(parseAptLists(out('now 1795756549\n### missing apt-get\n### end'))).toEqual({ ok: true, value: null });
  });

  it.each([
    [
      'a time that is no number',
      'now 100\nlist yesterday /var/lib/apt/lists/x\n### end',
      'expected now/list/stamp lines with epoch seconds',
      'list yesterday /var/lib/apt/lists/x',
      2,
    ],
    [
      'a clock that is no number',
      'now soon\n### end',
      'expected now/list/stamp lines with epoch seconds',
      'now soon',
      1,
    ],
    ['a marker block', 'now 100\n### extra x\n### end', 'unknown marker', '### extra', 2],
    [
      'no now line',
      'list 90 /var/lib/apt/lists/x\n### end',
      'no "now" line or end marker (output cut short?)',
      'list 90 /var/lib/apt/lists/x',
      1,
    ],
    ['no end marker', 'now 100', 'no "now" line or end marker (output cut short?)', 'now 100', 1],
  ])('rejects %s', (_name, text, what, line, no) => {
    expect(parseAptLists(out(text))).toEqual({ ok: false, what, line, no });
  });
});
