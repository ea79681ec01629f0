/**
 * containerd-config no longer runs `containerd --version` (issue 16, third step): it prints
 * `### present containerd` where it printed `### version <first line>`. No check reads the version,
 * so the findings must not change: every captured fixture is judged with the line the old probe
 * printed at capture time and with the new line (the rest of the output is the same bytes, shown
 * here by running the old and the new command side by side), under dash, busybox sh and bash --posix.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import cgroupDriverMismatch from '../../../src/diagnostics/checks/cgroup-driver-mismatch';
import containerdCriDisabled from '../../../src/diagnostics/checks/containerd-cri-disabled';
import { containerdConfigProbe } from '../../../src/diagnostics/probes/containerd';
import { context, fixtureText, section } from '../checks/tester';

/** The command before this step (main f488129), kept verbatim for the comparison. */
const OLD_COMMAND = [
  "nl='",
  "'",
  // biome-ignore lint/suspicious/noTemplateCurlyInString: POSIX sh parameter expansion
  'if command -v containerd >/dev/null 2>&1; then v=$(containerd --version 2>&1); echo "### version ${v%%"$nl"*}";',
  'else echo "### missing containerd"; fi',
  'p=/etc/containerd/config.toml',
  'if [ -r "$p" ]; then echo "### file $p"; sed \'s/^/| /\' "$p";',
  'elif [ -e "$p" ]; then echo "### unreadable $p"; else echo "### nofile $p"; fi',
  'echo "### end"',
].join('\n');

/** What the old probe printed first in every captured fixture (Debian 12's containerd 1.6.20). */
const CAPTURED_VERSION = '### version containerd github.com/containerd/containerd 1.6.20~ds1 1.6.20~ds1-1+deb12u3';

const SHELLS: [string, string[]][] = [
  ['dash', ['/usr/bin/dash', '-c']],
  ['busybox sh', ['/usr/bin/busybox', 'sh', '-c']],
  ['bash --posix', ['/usr/bin/bash', '--posix', '-c']],
];

const work = mkdtempSync(join(tmpdir(), 'k8sdiag-containerd-config-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** A PATH with the shell tools and, where asked, a `containerd` that records that it was started. */
function pathWith(containerd: boolean): { path: string; ran: string } {
  const dir = join(work, containerd ? 'with' : 'without');
  const ran = join(work, `${containerd ? 'with' : 'without'}.ran`);
  mkdirSync(dir, { recursive: true });
  for (const tool of ['sed']) {
    const link = join(dir, tool);
    if (!existsSync(link)) writeFileSync(link, `#!/bin/sh\nexec /usr/bin/${tool} "$@"\n`, { mode: 0o755 });
  }
  if (containerd) {
    const fake = join(dir, 'containerd');
    writeFileSync(fake, `#!/bin/sh\necho started >> '${ran}'\necho 'containerd fake 9.9.9'\n`);
    chmodSync(fake, 0o755);
  }
  return { path: dir, ran };
}

function run(shell: string[], command: string, path: string): string {
  const [file, ...args] = shell;
  const result = spawnSync(file as string, [...args, command], {
    env: { PATH: path, LC_ALL: 'C' },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  expect(result.status).toBe(0);
  return result.stdout;
}

describe.each(SHELLS)('containerd-config under %s', (_name, shell) => {
  it('says containerd is present without starting it', () => {
    const { path, ran } = pathWith(true);
    const out = run(shell, containerdConfigProbe.command, path);
    expect(out.split('\n')[0]).toBe('### present containerd');
    expect(existsSync(ran)).toBe(false);
    const old = run(shell, OLD_COMMAND, path);
    expect(old.split('\n')[0]).toBe('### version containerd fake 9.9.9');
    expect(existsSync(ran)).toBe(true);
    rmSync(ran);
    // Everything after the first line is the same bytes.
    expect(out.slice(out.indexOf('\n'))).toBe(old.slice(old.indexOf('\n')));
  });

  it('says containerd is missing as before', () => {
    const { path } = pathWith(false);
    const out = run(shell, containerdConfigProbe.command, path);
    expect(out.split('\n')[0]).toBe('### missing containerd');
    expect(out).toBe(run(shell, OLD_COMMAND, path));
  });
});

describe('the findings of every captured containerd-config fixture are the same with either first line', () => {
  const cases: [string, string][] = [];
  for (const dir of ['containerd-cri-disabled', 'cgroup-driver-mismatch']) {
    const fixtures = readdirSync(fileURLToPath(new URL(`../../fixtures/${dir}/`, import.meta.url)));
    for (const file of fixtures) {
      const match = /^(.+)\.containerd-config\.txt$/.exec(file);
      if (match?.[1]) cases.push([dir, match[1]]);
    }
  }

  it('finds the eleven captured fixtures (containerd installed in ten)', () => {
    expect(cases).toHaveLength(11);
  });

  it.each(cases)('%s/%s', (dir, name) => {
    const now = fixtureText(dir, `${name}.containerd-config`);
    const first = now.split('\n')[0];
    expect(['### present containerd', '### missing containerd']).toContain(first);
    const before = first === '### present containerd' ? `${CAPTURED_VERSION}${now.slice(first.length)}` : now;
    const other: Record<string, string> =
      dir === 'containerd-cri-disabled'
        ? { 'containerd-plugins': fixtureText(dir, `${name}.containerd-plugins`) }
        : { 'kubelet-cgroup': fixtureText(dir, `${name}.kubelet-cgroup`) };
    const check = dir === 'containerd-cri-disabled' ? containerdCriDisabled : cgroupDriverMismatch;
    const judge = (config: string) => {
      const sections = Object.fromEntries(
        Object.entries({ ...other, 'containerd-config': config }).map(([probe, text]) => [probe, section(text)]),
      );
      return check.analyze(sections, context());
    };
    const findings = judge(now);
    expect(findings.length).toBeGreaterThan(0);
    expect(findings.map((finding) => finding.status)).not.toContain('error');
    expect(findings).toEqual(judge(before));
  });
});
