/**
 * apt-lists runs one `stat` for the lists and the stamps (issue 16, step 3; it was one per kind).
 * The new command and the one before it (kept verbatim below) run on the same trees, with the
 * probe's absolute paths moved under a temporary root in both, under dash, busybox sh and bash
 * --posix: stdout and stderr must be the same bytes, and stat must start once where both kinds exist.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { aptListsProbe } from '../../../src/diagnostics/probes/apt-lists';

/** The command before this step (main f488129). */
const OLD_COMMAND = [
  'echo "now $(date +%s)"',
  'set --; for f in /var/lib/apt/lists/*_InRelease /var/lib/apt/lists/*_Release; do [ -f "$f" ] && set -- "$@" "$f"; done',
  '[ "$#" -eq 0 ] || stat -c \'list %Y %n\' -- "$@"',
  'set --; for f in /var/lib/apt/periodic/update-success-stamp /var/cache/apt/pkgcache.bin; do [ -f "$f" ] && set -- "$@" "$f"; done',
  '[ "$#" -eq 0 ] || stat -c \'stamp %Y %n\' -- "$@"',
  'command -v apt-get >/dev/null 2>&1 || echo "### missing apt-get"',
  'echo "### end"',
].join('\n');

const SHELLS: [string, string[]][] = [
  ['dash', ['/usr/bin/dash', '-c']],
  ['busybox sh', ['/usr/bin/busybox', 'sh', '-c']],
  ['bash --posix', ['/usr/bin/bash', '--posix', '-c']],
];

const work = mkdtempSync(join(tmpdir(), 'k8sdiag-apt-lists-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** A PATH whose `stat` counts its starts in COUNT, whose `date` prints a fixed clock; `apt-get` where asked. */
function tools(root: string, aptGet: boolean): { path: string; count: string } {
  const bin = join(root, 'bin');
  const count = join(root, 'stat.count');
  mkdirSync(bin, { recursive: true });
  writeFileSync(join(bin, 'stat'), `#!/bin/sh\necho x >> '${count}'\nexec /usr/bin/stat "$@"\n`);
  writeFileSync(join(bin, 'date'), '#!/bin/sh\necho 1795757708\n');
  chmodSync(join(bin, 'stat'), 0o755);
  chmodSync(join(bin, 'date'), 0o755);
  if (aptGet) {
    writeFileSync(join(bin, 'apt-get'), '#!/bin/sh\nexit 0\n');
    chmodSync(join(bin, 'apt-get'), 0o755);
  }
  return { path: bin, count };
}

/** The probe's paths moved under ROOT (the same text replacement for both commands). */
const rooted = (command: string, root: string): string =>
  command.replaceAll('/var/lib/apt/', `${root}/var/lib/apt/`).replaceAll('/var/cache/apt/', `${root}/var/cache/apt/`);

type Tree = Record<string, number | 'dir'>;

const TREES: [string, Tree, boolean][] = [
  ['nothing', {}, true],
  [
    'three lists',
    {
      'var/lib/apt/lists/deb.debian.org_debian_dists_bookworm_InRelease': 1783764997,
      'var/lib/apt/lists/deb.debian.org_debian_dists_bookworm-updates_InRelease': 1795754840,
      'var/lib/apt/lists/pkgs.k8s.io_core:_stable:_v1.33_deb_Release': 1795754841,
      'var/lib/apt/lists/deb.debian.org_debian_dists_bookworm_main_binary-amd64_Packages': 1795754842,
    },
    true,
  ],
  [
    'lists and both stamps',
    {
      'var/lib/apt/lists/a_InRelease': 100,
      'var/lib/apt/lists/b c_Release': 200,
      'var/lib/apt/periodic/update-success-stamp': 300,
      'var/cache/apt/pkgcache.bin': 400,
    },
    true,
  ],
  ['stamps only', { 'var/cache/apt/pkgcache.bin': 400 }, true],
  ['a list that is a directory', { 'var/lib/apt/lists/d_InRelease': 'dir', 'var/cache/apt/pkgcache.bin': 5 }, true],
  ['a list name with a newline', { 'var/lib/apt/lists/x\ny_InRelease': 7, 'var/cache/apt/pkgcache.bin': 8 }, true],
  ['no apt-get', { 'var/lib/apt/lists/a_InRelease': 100 }, false],
];

let n = 0;
function setUp(tree: Tree, aptGet: boolean): { root: string; path: string; count: string } {
  const root = join(work, `t${n++}`);
  mkdirSync(join(root, 'var/lib/apt/lists'), { recursive: true });
  for (const [file, time] of Object.entries(tree)) {
    const at = join(root, file);
    if (time === 'dir') {
      mkdirSync(at, { recursive: true });
      continue;
    }
    mkdirSync(join(at, '..'), { recursive: true });
    writeFileSync(at, 'x');
    utimesSync(at, time, time);
  }
  return { root, ...tools(root, aptGet) };
}

function run(shell: string[], command: string, path: string): { stdout: string; stderr: string } {
  const [file, ...args] = shell;
  const result = spawnSync(file as string, [...args, command], {
    env: { PATH: `${path}:/usr/bin:/bin`, LC_ALL: 'C' },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  expect(result.status).toBe(0);
  return { stdout: result.stdout, stderr: result.stderr };
}

const starts = (count: string): number => {
  try {
    return readFileSync(count, 'utf8').split('\n').filter(Boolean).length;
  } catch {
    return 0;
  }
};

describe.each(SHELLS)('apt-lists under %s', (_name, shell) => {
  it.each(TREES)('%s: the same output as the two stats', (name, tree, aptGet) => {
    const { root, path, count } = setUp(tree, aptGet);
    const before = run(shell, rooted(OLD_COMMAND, root), path);
    const oldStarts = starts(count);
    rmSync(count, { force: true });
    const after = run(shell, rooted(aptListsProbe.command, root), path);
    expect(after).toEqual(before);
    const newStarts = starts(count);
    if (name === 'lists and both stamps') {
      expect(before.stdout).toContain('\nlist 200 ');
      expect(before.stdout).toContain('\nstamp 400 ');
      expect([oldStarts, newStarts]).toEqual([2, 1]);
    } else if (name === 'a list name with a newline') expect(newStarts).toBe(oldStarts);
    else expect(newStarts).toBeLessThanOrEqual(1);
  });
});
