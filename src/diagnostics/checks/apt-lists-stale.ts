/**
 * APT package lists are old, or apt recently failed with 404 Not Found. Lists older than the
 * archive's current state name package versions the mirror no longer has, so `apt install`
 * without `apt update` (Ansible's apt module with update_cache: no) fails with 404.
 */

import { splitBlocks, splitTag } from '../probes/blocks';
import { type CheckSpecMeta, defineCheck } from './support/define';
import { type Problem, unexpected, worstOf } from './support/findings';

const meta: CheckSpecMeta = {
  id: 'apt-lists-stale',
  title: 'APT package lists are fresh',
  titleKo: 'APT 패키지 목록이 최신이다',
  runbook: 'apt-stale-cache',
  severity: 'warning',
  roles: ['control-plane', 'worker'],
};

const LISTS = 'apt-lists';
const LOG = 'apt-log';
const DAY = 86_400;
/** Older than this, lists are "stale" (Ansible's cache_valid_time examples use an hour to a day). */
const STALE_AFTER = DAY;
/** A 404 in the apt logs within this window counts as recent. */
const RECENT = 7 * DAY;

const FIX = 'sudo apt-get update; in Ansible set update_cache: true (with cache_valid_time: 3600) on the apt task';

function age(seconds: number): string {
  if (seconds < 3600) return `${Math.max(0, Math.round(seconds / 60))} minutes`;
  if (seconds < 2 * DAY) return `${Math.round(seconds / 3600)} hours`;
  return `${Math.round(seconds / DAY)} days`;
}

/** "2024-05-01  10:00:00" as written by apt's logs (local time; close enough for a window of days). */
function logTime(text: string): number | undefined {
  const match = /(\d{4})-(\d{2})-(\d{2})\s+(\d{2}):(\d{2}):(\d{2})/.exec(text);
  if (!match) return undefined;
  const [, y, mo, d, h, mi, s] = match;
  const time = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
  return Number.isNaN(time) ? undefined : time / 1000;
}

export default defineCheck({
  meta,
  probes: [
    {
      name: LISTS,
      command: [
        'echo "now $(date +%s)"',
        // One `stat` per kind instead of one per file (issue 16: processes per node).
        'set --; for f in /var/lib/apt/lists/*_InRelease /var/lib/apt/lists/*_Release; do [ -f "$f" ] && set -- "$@" "$f"; done',
        '[ "$#" -eq 0 ] || stat -c \'list %Y %n\' -- "$@"',
        'set --; for f in /var/lib/apt/periodic/update-success-stamp /var/cache/apt/pkgcache.bin; do [ -f "$f" ] && set -- "$@" "$f"; done',
        '[ "$#" -eq 0 ] || stat -c \'stamp %Y %n\' -- "$@"',
        'command -v apt-get >/dev/null 2>&1 || echo "### missing apt-get"',
        'echo "### end"',
      ].join('\n'),
    },
    {
      name: LOG,
      needsRoot: true,
      command: [
        'for f in /var/log/apt/history.log /var/log/apt/term.log; do',
        '  if [ -f "$f" ]; then echo "### file $f";',
        '    awk \'/^(Start-Date|Log started):/ { d = $0 } /404 +Not Found|Failed to fetch|Unable to fetch/ { print d " | " $0 }\' "$f" | tail -n 10 | sed \'s/^/| /\';',
        '  else echo "### missing $f"; fi',
        'done',
        'echo "### end"',
      ].join('\n'),
    },
  ],
  analyze: ({ r, sections, open }) => {
    const gate = open(LISTS);
    if (!gate.ok) return [gate.finding];
    const { head, blocks, complete } = splitBlocks(gate.value.lines);
    if (blocks.some((block) => block.marker === 'missing'))
      return [r.skip('apt-get is not installed: not a Debian/Ubuntu node')];
    const stray = blocks[0];
    if (stray) return [unexpected(r, LISTS, 'unknown marker', `### ${stray.marker}`, stray.no)];
    let now: number | undefined;
    const lists: Array<{ time: number; file: string }> = [];
    const stamps: Array<{ time: number; file: string }> = [];
    for (const { text, no } of head) {
      if (text.trim() === '') continue;
      const [tag, rest] = splitTag(text);
      if (tag === 'now' && /^\d+$/.test(rest)) {
        now = Number(rest);
        continue;
      }
      const [time, file] = splitTag(rest);
      if ((tag === 'list' || tag === 'stamp') && /^\d+$/.test(time) && file.startsWith('/')) {
        (tag === 'list' ? lists : stamps).push({ time: Number(time), file });
        continue;
      }
      return [unexpected(r, LISTS, 'expected now/list/stamp lines with epoch seconds', text, no)];
    }
    if (now === undefined || !complete)
      return [unexpected(r, LISTS, 'no "now" line or end marker (output cut short?)', gate.value.lines[0] ?? '', 1)];

    const problems: Problem[] = [];
    const evidence: string[] = [];
    if (lists.length === 0) {
      problems.push({
        status: 'warn',
        text: 'there are no package lists in /var/lib/apt/lists: apt-get update has not run on this node',
      });
    } else {
      const newest = Math.max(...lists.map((list) => list.time));
      const oldest = lists.reduce((a, b) => (a.time <= b.time ? a : b));
      evidence.push(`newest list: ${age(now - newest)} old; oldest: ${oldest.file} ${age(now - oldest.time)} old`);
      for (const stamp of stamps) evidence.push(`${stamp.file}: ${age(now - stamp.time)} old`);
      if (now - newest > STALE_AFTER) {
        problems.push({
          status: 'warn',
          text: `package lists are ${age(now - newest)} old: installing without apt-get update may hit 404 Not Found`,
        });
      }
    }

    const logGate = sections[LOG] === undefined ? undefined : open(LOG);
    if (logGate?.ok) {
      const log = splitBlocks(logGate.value.lines);
      for (const block of log.blocks) {
        if (block.marker !== 'file') continue;
        for (const quoted of block.quoted) {
          const [when] = quoted.text.split(' | ');
          const time = logTime(when ?? '');
          const recent = time === undefined || now - time <= RECENT;
          if (!recent) continue;
          evidence.push(`${block.args}: ${quoted.text}`);
          if (/404/.test(quoted.text) && !problems.some((problem) => problem.status === 'fail')) {
            problems.push({ status: 'fail', text: `apt recently failed with 404 Not Found (${block.args})` });
          }
        }
      }
    } else if (logGate && !logGate.ok) {
      evidence.push(`(apt logs not read: ${logGate.finding.message})`);
    }

    const worst = worstOf(r, problems, { evidence, fix: FIX });
    if (worst) return [worst];
    const newest = Math.max(...lists.map((list) => list.time));
    return [r.pass(`package lists updated ${age(now - newest)} ago`, { evidence })];
  },
});
