import check from '../../../src/diagnostics/checks/apt-lists-stale';
import { runCases, section } from './tester';

runCases(check, {
  valid: [
    {
      name: 'lists updated today, no 404 in the real apt logs',
      sections: { 'apt-lists': 'apt-lists-stale/fresh', 'apt-log': 'apt-lists-stale/host-logs' },
      message: /package lists updated \d+ (minutes|hours) ago/,
    },
  ],
  invalid: [
    {
      name: 'lists 45 days old',
      sections: { 'apt-lists': 'apt-lists-stale/lists-45-days', 'apt-log': 'apt-lists-stale/host-logs' },
      expect: {
        status: 'warn',
        message: /package lists are 45 days old/,
        evidence: [/newest list: 45 days old/],
        fix: /update_cache: true/,
      },
    },
    {
      name: 'no lists at all (box image with apt lists removed)',
      sections: { 'apt-lists': 'apt-lists-stale/no-lists' },
      expect: { status: 'warn', message: /no package lists/ },
    },
    {
      name: 'a recent 404 in term.log (hand-made log line)',
      sections: { 'apt-lists': 'apt-lists-stale/fresh', 'apt-log': 'apt-lists-stale/handmade-404' },
      expect: { status: 'fail', message: /404 Not Found/, evidence: [/containerd_1\.7\.12.*404/] },
    },
    {
      name: 'apt logs unreadable without sudo: lists still judged',
      sections: {
        'apt-lists': 'apt-lists-stale/lists-45-days',
        'apt-log': section('', { skipped: true, skipReason: 'sudo: a password is required' }),
      },
      expect: { status: 'warn', evidence: [/apt logs not read/] },
    },
    {
      name: 'not Debian',
      sections: { 'apt-lists': section('now 1795756549\n### missing apt-get\n### end\n') },
      expect: { status: 'skip', message: /not a Debian/ },
    },
  ],
});
