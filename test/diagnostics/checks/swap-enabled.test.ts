import check from '../../../src/diagnostics/checks/swap-enabled';
import { runCases, section } from './tester';

runCases(check, {
  valid: [
    {
      name: 'no swap (real /proc/swaps of this machine)',
      sections: { 'proc-swaps': 'swap-enabled/swap-off' },
      message: /swap is off/,
    },
  ],
  invalid: [
    {
      name: 'swap file and zram (hand-made, kernel format)',
      sections: { 'proc-swaps': 'swap-enabled/handmade-swap-file-and-zram' },
      expect: {
        status: 'fail',
        message: /\/swap\.img \(file, 2097148 KiB\), \/dev\/zram0/,
        evidence: [/^\/swap\.img file 2097148/],
        fix: /swapoff -a/,
      },
    },
    {
      name: 'no /proc/swaps',
      sections: { 'proc-swaps': section('### missing /proc/swaps\n') },
      expect: { status: 'skip', message: /does not exist/ },
    },
    {
      name: 'not the /proc/swaps header',
      sections: { 'proc-swaps': section('cat: /proc/swaps: Permission denied\n') },
      expect: { status: 'error', message: /expected the \/proc\/swaps header.*Permission denied/ },
    },
    {
      name: 'sudo needed a password',
      sections: { 'proc-swaps': section('', { skipped: true, skipReason: 'sudo: a password is required' }) },
      expect: { status: 'skip', message: /password is required/ },
    },
    {
      name: 'probe timed out',
      sections: { 'proc-swaps': section('', { timedOut: true, exitCode: null, durationMs: 10_000 }) },
      expect: { status: 'error', message: /timed out after 10s/ },
    },
  ],
});
