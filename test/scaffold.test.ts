/**
 * `npm run new:runbook` scaffolds a failure with placeholders marked TODO(new:runbook). This test
 * is the contributor's to-do list: it fails while any placeholder is left in the tree, naming the
 * file and line. It also runs the scaffolder on a copy of the files it edits.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { runbookFrontmatter } from '../src/content/runbook-schema';

const ROOT = join(import.meta.dirname, '..');
const MARK = 'TODO(new:runbook)';

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? walk(path) : [path];
  });
}

describe('scaffold placeholders', () => {
  it(`no ${MARK} is left in pages, code or tests`, () => {
    const left: string[] = [];
    for (const dir of ['src', 'test']) {
      for (const file of walk(join(ROOT, dir))) {
        if (file === import.meta.filename || !/\.(ts|mdx|astro)$/.test(file)) continue;
        readFileSync(file, 'utf8')
          .split('\n')
          .forEach((line, index) => {
            if (line.includes(MARK)) left.push(`${relative(ROOT, file)}:${index + 1}`);
          });
      }
    }
    expect(left, `fill in the scaffolded placeholders:\n${left.join('\n')}`).toEqual([]);
  });
});

describe('npm run new:runbook', () => {
  const copy = mkdtempSync(join(tmpdir(), 'k8sdiag-scaffold-'));
  afterAll(() => rmSync(copy, { recursive: true, force: true }));
  for (const path of [
    'scripts/new-runbook.mjs',
    'src/content/runbook-schema.ts',
    'src/content/docs/runbooks',
    'src/content/docs/ko/runbooks',
    'src/diagnostics/registry.ts',
    'src/diagnostics/checks',
    'src/diagnostics/lint/rules',
    'test/diagnostics/checks',
    'test/diagnostics/lint/rules',
  ]) {
    cpSync(join(ROOT, path), join(copy, path), { recursive: true });
  }
  const script = join(copy, 'scripts/new-runbook.mjs');
  const run = (...args: string[]) => spawnSync(process.execPath, [script, ...args], { encoding: 'utf8' });

  it('writes both pages, a check, a rule and their tests, and registers the ids in sorted order', () => {
    const out = execFileSync(process.execPath, [script, 'disk-full-etcd', '--check', 'etcd-disk-full'], {
      encoding: 'utf8',
    });
    expect(out).toMatch(/wrote src\/content\/docs\/ko\/runbooks\/disk-full-etcd\.mdx/);
    const schema = readFileSync(join(copy, 'src/content/runbook-schema.ts'), 'utf8');
    expect(schema).toMatch(/'disk-full-etcd',\n\] as const;/);
    const registry = readFileSync(join(copy, 'src/diagnostics/registry.ts'), 'utf8');
    const entries = [...registry.matchAll(/^ {2}'([a-z0-9-]+)': \w+,$/gm)].map((m) => m[1] ?? '');
    expect(entries).toContain('etcd-disk-full');
    const imports = [...registry.matchAll(/^import \w+ from '\.\/checks\/([a-z0-9-]+)';$/gm)].map((m) => m[1] ?? '');
    expect(imports).toEqual([...imports].sort());
    const rules = readFileSync(join(copy, 'src/diagnostics/lint/rules/index.ts'), 'utf8');
    expect(rules).toContain("  'disk-full-etcd': diskFullEtcd,");
  });

  it.each(['runbooks', 'ko/runbooks'])('%s page has valid frontmatter and the six sections', (dir) => {
    const text = readFileSync(join(copy, `src/content/docs/${dir}/disk-full-etcd.mdx`), 'utf8');
    const front = parse(text.split('---\n')[1] ?? '') as Record<string, unknown>;
    const result = runbookFrontmatter.omit({ runbook: true }).safeParse(front);
    expect(result.success, JSON.stringify(result.error?.issues)).toBe(true);
    expect(front['problem']).toBeGreaterThan(10);
    expect(text.match(/^## /gm)).toHaveLength(6);
  });

  it('refuses an existing id, a bad id and a bad layer with exit 2 and writes nothing', () => {
    const before = readFileSync(join(copy, 'src/content/runbook-schema.ts'), 'utf8');
    for (const args of [['disk-full-etcd'], ['Bad_Id'], ['fresh-id', '--layer', 'moon'], ['exec-format-error']]) {
      const result = run(...args);
      expect(result.status, args.join(' ')).toBe(2);
      expect(result.stderr).toMatch(/^new:runbook: /);
    }
    expect(readFileSync(join(copy, 'src/content/runbook-schema.ts'), 'utf8')).toBe(before);
  });
});
