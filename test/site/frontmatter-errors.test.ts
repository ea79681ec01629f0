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
let project: string;
let output = '';
let status: number | null = null;

/** The real English runbook with two frontmatter mistakes: an unknown layer and no signatures. */
function badRunbook(): string {
  const good = readFileSync(join(repoRoot, 'src/content/docs/runbooks', `${BAD_RUNBOOK}.mdx`), 'utf8');
  const broken = good
    .replace(/^layer: .*$/m, 'layer: network')
    .replace(/^signatures:\n(?: {2}- .*\n)+/m, '');
  if (!broken.includes('layer: network') || /^signatures:/m.test(broken)) {
    throw new Error('could not inject the frontmatter mistakes; has the runbook format changed?');
  }
  return broken;
}

beforeAll(() => {
  project = mkdtempSync(join(tmpdir(), 'k8sdiag-frontmatter-'));
  for (const file of ['astro.config.mjs', 'package.json', 'tsconfig.json']) {
    cpSync(join(repoRoot, file), join(project, file));
  }
  cpSync(join(repoRoot, 'src'), join(project, 'src'), {
    recursive: true,
    filter: (source) => !/[\\/]runbooks([\\/]|$)/.test(source),
  });
  mkdirSync(join(project, 'src/content/docs/runbooks'), { recursive: true });
  writeFileSync(join(project, 'src/content/docs/runbooks', `${BAD_RUNBOOK}.mdx`), badRunbook());
  symlinkSync(join(repoRoot, 'node_modules'), join(project, 'node_modules'), 'dir');

  const result = spawnSync(process.execPath, [join(repoRoot, 'node_modules/astro/bin/astro.mjs'), 'build'], {
    cwd: project,
    encoding: 'utf8',
    env: { ...process.env, CI: 'true', NO_COLOR: '1', FORCE_COLOR: '0', ASTRO_TELEMETRY_DISABLED: '1' },
    timeout: 180_000,
  });
  status = result.status;
  output = `${result.stdout}\n${result.stderr}`;
}, 200_000);

afterAll(() => {
  if (project) rmSync(project, { recursive: true, force: true });
});

describe('invalid runbook frontmatter fails the build', () => {
  it('exits non-zero', () => {
    expect(status, output).not.toBe(0);
  });

  it('names the file', () => {
    expect(output).toContain(`runbooks/${BAD_RUNBOOK}.mdx`);
  });

  it('names the field with the bad value', () => {
    expect(output).toMatch(/\blayer\b/);
  });

  it('names the missing field', () => {
    expect(output).toMatch(/\bsignatures\b/);
  });
});
