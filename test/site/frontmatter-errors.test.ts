/**
 * Invalid runbook frontmatter fails `astro build` with a message that names the file and the
 * field. Proven on a throw-away copy of the site: the real astro.config.mjs and src/ (content
 * config, schema, components), the real non-runbook pages, and one runbook with bad frontmatter.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from './built-site';

const BAD_RUNBOOK = 'vagrant-box-arch-mismatch';
const BAD_FILE = `src/content/docs/runbooks/${BAD_RUNBOOK}.mdx`;
const projects: string[] = [];

interface BuildResult {
  status: number | null;
  output: string;
}

/**
 * Builds a copy of the site whose only runbook is the real English one with `breakIt` applied to
 * its text, and returns the exit status and everything `astro build` printed.
 */
function buildWithBadRunbook(breakIt: (text: string) => string): BuildResult {
  const good = readFileSync(join(repoRoot, BAD_FILE), 'utf8');
  const bad = breakIt(good);
  if (bad === good) throw new Error('the frontmatter mistake was not injected; has the runbook format changed?');
  const project = mkdtempSync(join(tmpdir(), 'k8sdiag-frontmatter-'));
  projects.push(project);
  for (const file of ['astro.config.mjs', 'package.json', 'tsconfig.json']) {
    cpSync(join(repoRoot, file), join(project, file));
  }
  cpSync(join(repoRoot, 'src'), join(project, 'src'), {
    recursive: true,
    filter: (source) => !/[\\/]runbooks([\\/]|$)/.test(source),
  });
  mkdirSync(join(project, 'src/content/docs/runbooks'), { recursive: true });
  writeFileSync(join(project, BAD_FILE), bad);
  symlinkSync(join(repoRoot, 'node_modules'), join(project, 'node_modules'), 'dir');
  const result = spawnSync(process.execPath, [join(repoRoot, 'node_modules/astro/bin/astro.mjs'), 'build'], {
    cwd: project,
    encoding: 'utf8',
    env: { ...process.env, CI: 'true', NO_COLOR: '1', FORCE_COLOR: '0', ASTRO_TELEMETRY_DISABLED: '1' },
    timeout: 240_000,
  });
  return { status: result.status, output: `${result.stdout}\n${result.stderr}` };
}

afterAll(() => {
  for (const project of projects) rmSync(project, { recursive: true, force: true });
});

describe('a runbook with a value outside the schema fails the build', () => {
  let result: BuildResult = { status: null, output: '' };
  beforeAll(() => {
    result = buildWithBadRunbook((text) => text.replace(/^layer: .*$/m, 'layer: network'));
  }, 300_000);

  it('exits non-zero', () => {
    expect(result.status, result.output).not.toBe(0);
  });

  it('names the file', () => {
    expect(result.output).toContain(`runbooks/${BAD_RUNBOOK}.mdx`);
  });

  it('names the field and what it accepts', () => {
    expect(result.output).toMatch(/\blayer: .*"vm".*"provisioning".*"cluster"/);
  });
});

describe('a runbook missing a runbook field fails the build', () => {
  let result: BuildResult = { status: null, output: '' };
  beforeAll(() => {
    // `signatures` is optional for other docs pages; a page with `runbook:` must have it.
    result = buildWithBadRunbook((text) => text.replace(/^signatures:\n(?: {2}- .*\n)+/m, ''));
  }, 300_000);

  it('exits non-zero', () => {
    expect(result.status, result.output).not.toBe(0);
  });

  it('names the file', () => {
    expect(result.output).toContain(`runbooks/${BAD_RUNBOOK}.mdx`);
  });

  it('names the missing field', () => {
    expect(result.output).toMatch(/^\s*signatures: .+/m);
  });
});
