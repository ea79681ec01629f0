import { describe, expect, it } from 'vitest';
import { parseAptLog } from '../../../src/diagnostics/probes/apt-log';
import { fixtureLines, out } from './fixture';

const HISTORY = '/var/log/apt/history.log';
const TERM = '/var/log/apt/term.log';

describe('parseAptLog', () => {
  it('reads the logs of the capture machine (no fetch errors)', () => {
    expect(parseAptLog(fixtureLines('apt-lists-stale/host-logs.apt-log'))).toEqual([
      { file: HISTORY, entries: [] },
      { file: TERM, entries: [] },
    ]);
  });

  it('reads a 404 with the date of its run (hand-made log line)', () => {
    const [history, term] = parseAptLog(fixtureLines('apt-lists-stale/handmade-404.apt-log'));
    expect(history).toEqual({ file: HISTORY, entries: [] });
    expect(term?.file).toBe(TERM);
    expect(term?.entries).toHaveLength(1);
    expect(term?.entries[0]?.time).toBe(Date.UTC(2026, 10, 26, 9, 12, 1) / 1000);
    expect(term?.entries[0]?.text).toMatch(
      /^Log started: 2026-11-26 {2}09:12:01 \| E: Failed to fetch .*404 {2}Not Found/,
    );
  });

  it('gives no time when the date line is missing', () => {
    expect(parseAptLog(out(`### file ${TERM}\n|  | E: Failed to fetch x 404 Not Found\n### end`))).toEqual([
      { file: TERM, entries: [{ text: ' | E: Failed to fetch x 404 Not Found', time: undefined }] },
    ]);
  });

  it('leaves out missing files, unquoted lines and text before the first marker', () => {
    const text = `stray\n### missing ${HISTORY}\n| not in a file block\n### file ${TERM}\nraw line\n### end`;
    expect(parseAptLog(out(text))).toEqual([{ file: TERM, entries: [] }]);
  });
});
