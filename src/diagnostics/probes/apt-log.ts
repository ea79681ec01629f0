/**
 * The `apt-log` probe and its parser: the fetch failures (404 Not Found, Failed/Unable to fetch)
 * of apt's history.log and term.log, the last ten of each, every one quoted as
 * `| <date line> | <log line>` in a `### file <path>` block (apt-lists-stale reads it).
 *
 * The parser is lenient by design: the log is supporting evidence, so lines outside a
 * `### file` block and unquoted lines are ignored rather than rejected.
 */
import type { Probe } from '../types';
import { splitBlocks } from './blocks';

/** The fetch errors of apt's logs with the date of the run they belong to. */
export const aptLogProbe: Probe = {
  name: 'apt-log',
  needsRoot: true,
  command: [
    'for f in /var/log/apt/history.log /var/log/apt/term.log; do',
    '  if [ -f "$f" ]; then echo "### file $f";',
    '    awk \'/^(Start-Date|Log started):/ { d = $0 } /404 +Not Found|Failed to fetch|Unable to fetch/ { print d " | " $0 }\' "$f" | tail -n 10 | sed \'s/^/| /\';',
    '  else echo "### missing $f"; fi',
    'done',
    'echo "### end"',
  ].join('\n'),
};

export interface AptLogEntry {
  /** The quoted line: `<Start-Date or Log started line> | <log line>`. */
  text: string;
  /** When the run started (epoch seconds, the log's local time read as UTC), if the date line says. */
  time: number | undefined;
}

export interface AptLogFile {
  file: string;
  entries: AptLogEntry[];
}

/** "2024-05-01  10:00:00" as written by apt's logs (local time; close enough for a window of days). */
function logTime(text: string): number | undefined {
  const match = /(\d{4})-(\d{2})-(\d{2})\s+(\d{2}):(\d{2}):(\d{2})/.exec(text);
  if (!match) return undefined;
  const [, y, mo, d, h, mi, s] = match;
  const time = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
  return Number.isNaN(time) ? undefined : time / 1000;
}

/** The log files the probe found, in probe order, with their quoted entries. */
export function parseAptLog(lines: readonly string[]): AptLogFile[] {
  return splitBlocks(lines)
    .blocks.filter((block) => block.marker === 'file')
    .map((block) => ({
      file: block.args,
      entries: block.quoted.map(({ text }) => ({ text, time: logTime(text.split(' | ')[0] ?? '') })),
    }));
}
