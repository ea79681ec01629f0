/**
 * The retrieval core runs in the browser (search dialog, paste box) and in the CLI (`explain`):
 * it may import only itself, the runbook schema's types, and browser-safe packages. No `node:`
 * modules, no `astro:` virtual modules, nothing from the CLI (src/diagnostics) or the site glue.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../../src/retrieval');
const SPECIFIER = /(?:^|\n)\s*(?:import|export)\b[^'"]*?from\s*['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]\s*\)/g;

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return files(path);
    return /\.(ts|mjs|js|json)$/.test(entry.name) ? [path] : [];
  });
}

function specifiers(source: string): string[] {
  return [...source.matchAll(SPECIFIER)].map((match) => match[1] ?? match[2] ?? '');
}

/** What a module of the core may import. */
function allowed(file: string, specifier: string): boolean {
  if (specifier.startsWith('node:') || specifier.startsWith('astro:')) return false;
  if (!specifier.startsWith('.')) return ['zod'].includes(specifier);
  const target = relative(ROOT, join(file, '..', specifier));
  if (!target.startsWith('..')) return true;
  // Types and schema of the runbook frontmatter: plain zod, browser-safe.
  return target === join('..', 'content', 'runbook-schema');
}

describe('retrieval core import boundary', () => {
  const all = files(ROOT);

  it('has modules to check', () => {
    expect(all.length).toBeGreaterThanOrEqual(5);
  });

  it.each(all.map((file) => [relative(ROOT, file), file]))('%s imports only browser-safe modules', (_name, file) => {
    const bad = specifiers(readFileSync(file, 'utf8')).filter((specifier) => !allowed(file, specifier));
    expect(bad).toEqual([]);
  });

  it('refuses what it should (the checker itself can fail)', () => {
    const file = join(ROOT, 'matcher.ts');
    expect(allowed(file, 'node:fs')).toBe(false);
    expect(allowed(file, 'astro:content')).toBe(false);
    expect(allowed(file, '../diagnostics/runbooks/runbooks')).toBe(false);
    expect(allowed(file, '../search/pagefind-options')).toBe(false);
    expect(allowed(file, './normalize')).toBe(true);
    expect(specifiers("import { a } from 'node:fs';\nconst m = import('astro:content');")).toEqual([
      'node:fs',
      'astro:content',
    ]);
  });
});
