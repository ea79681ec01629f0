/**
 * APT package lists are old, or apt recently failed with 404 Not Found. Lists older than the
 * archive's current state name package versions the mirror no longer has, so `apt install`
 * without `apt update` (Ansible's apt module with update_cache: no) fails with 404.
 */

import { aptListsProbe, parseAptLists } from '../probes/apt-lists';
import { aptLogProbe, parseAptLog } from '../probes/apt-log';
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

const LISTS = aptListsProbe.name;
const LOG = aptLogProbe.name;
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

export default defineCheck({
  meta,
  probes: [aptListsProbe, aptLogProbe],
  analyze: ({ r, sections, open }) => {
    const gate = open(LISTS);
    if (!gate.ok) return [gate.finding];
    const parsed = parseAptLists(gate.value.lines);
    if (!parsed.ok) return [unexpected(r, LISTS, parsed.what, parsed.line, parsed.no)];
    if (parsed.value === null) return [r.skip('apt-get is not installed: not a Debian/Ubuntu node')];
    const { now, lists, stamps } = parsed.value;

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
      for (const { file, entries } of parseAptLog(logGate.value.lines)) {
        for (const entry of entries) {
          const recent = entry.time === undefined || now - entry.time <= RECENT;
          if (!recent) continue;
          evidence.push(`${file}: ${entry.text}`);
          if (/404/.test(entry.text) && !problems.some((problem) => problem.status === 'fail')) {
            problems.push({ status: 'fail', text: `apt recently failed with 404 Not Found (${file})` });
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
