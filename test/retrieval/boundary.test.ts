/**
 * Import boundaries between the retrieval core, the site's search glue and the CLI's explain:
 * - src/retrieval runs in the browser (search dialog, paste box) and in the CLI (`explain`): it may
 *   import only itself, the runbook schema's types, and browser-safe packages. No `node:` modules,
 *   no `astro:` virtual modules, nothing from the CLI (src/diagnostics) or the site glue.
 * - src/search is only the Pagefind glue: it imports its own files, the retrieval core, Pagefind's
 *   UI package and the site's dependency-free language helpers (src/site/lang.ts, src/langs.ts),
 *   nothing from the CLI (src/diagnostics), no `node:`.
 * - src/diagnostics/explain is only the CLI's input and output around the core: it does not reach
 *   into the site (src/search, src/site, src/components, `astro:`).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = join(import.meta.dirname, '../../src');
const SPECIFIER =
  /(?:^|\n)\s*(?:import|export)\b[^'"]*?from\s*['"]([^'"]+)['"]|(?:^|\n)\s*import\s*['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]\s*\)/g;

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return files(path);
    return /\.(ts|mjs|js|json|astro)$/.test(entry.name) ? [path] : [];
  });
}

function specifiers(source: string): string[] {
  return [...source.matchAll(SPECIFIER)].map((match) => match[1] ?? match[2] ?? match[3] ?? '');
}

/** Where a relative specifier lands, as a path under src/ with forward slashes ('retrieval/query'). */
function target(file: string, specifier: string): string {
  return relative(SRC, join(dirname(file), specifier))
    .split(sep)
    .join('/');
}

const under = (path: string, dir: string): boolean => path === dir || path.startsWith(`${dir}/`);

interface Boundary {
  dir: string;
  allowed(file: string, specifier: string): boolean;
}

const BOUNDARIES: Record<'retrieval' | 'search' | 'explain', Boundary> = {
  retrieval: {
    dir: 'retrieval',
    allowed(file, specifier) {
      if (specifier.startsWith('node:') || specifier.startsWith('astro:')) return false;
      if (!specifier.startsWith('.')) return ['zod'].includes(specifier);
      const path = target(file, specifier);
      // Types and schema of the runbook frontmatter: plain zod, browser-safe.
      return under(path, 'retrieval') || path === 'content/runbook-schema';
    },
  },
  search: {
    dir: 'search',
    allowed(file, specifier) {
      if (specifier.startsWith('node:') || specifier.startsWith('astro:')) return false;
      if (!specifier.startsWith('.')) return specifier.startsWith('@pagefind/');
      const path = target(file, specifier);
      return under(path, 'search') || under(path, 'retrieval') || path === 'site/lang' || path === 'langs';
    },
  },
  explain: {
    dir: 'diagnostics/explain',
    allowed(file, specifier) {
      if (specifier.startsWith('astro:')) return false;
      if (!specifier.startsWith('.')) return true;
      const path = target(file, specifier);
      return !['search', 'site', 'components'].some((dir) => under(path, dir));
    },
  },
};

describe.each(Object.entries(BOUNDARIES))('%s import boundary', (_name, boundary) => {
  const root = join(SRC, boundary.dir);
  const all = files(root);

  it('has modules to check', () => {
    expect(all.length).toBeGreaterThanOrEqual(3);
  });

  it.each(all.map((file) => [relative(root, file), file]))('%s imports only what it may', (_file, file) => {
    const bad = specifiers(readFileSync(file, 'utf8')).filter((specifier) => !boundary.allowed(file, specifier));
    expect(bad).toEqual([]);
  });
});

describe('import boundaries refuse what they should (the checker itself can fail)', () => {
  it('retrieval', () => {
    const file = join(SRC, 'retrieval/matcher.ts');
    const { allowed } = BOUNDARIES.retrieval;
    expect(allowed(file, 'node:fs')).toBe(false);
    expect(allowed(file, 'astro:content')).toBe(false);
    expect(allowed(file, '../diagnostics/runbooks/runbooks')).toBe(false);
    expect(allowed(file, '../search/pagefind-options')).toBe(false);
    expect(allowed(file, './normalize')).toBe(true);
    expect(allowed(file, '../content/runbook-schema')).toBe(true);
  });

  it('search', () => {
    const file = join(SRC, 'search/pagefind-ui.ts');
    const { allowed } = BOUNDARIES.search;
    expect(allowed(file, '../diagnostics/explain/explain')).toBe(false);
    expect(allowed(file, '../diagnostics/runbooks/runbooks')).toBe(false);
    expect(allowed(file, '../components/runbook-pages')).toBe(false);
    expect(allowed(file, 'node:path')).toBe(false);
    expect(allowed(file, 'astro:content')).toBe(false);
    expect(allowed(file, 'picocolors')).toBe(false);
    expect(allowed(file, '../retrieval/query')).toBe(true);
    expect(allowed(file, './strings')).toBe(true);
    expect(allowed(file, '../site/lang')).toBe(true);
    expect(allowed(file, '@pagefind/default-ui/npm_dist/mjs/ui-core.mjs')).toBe(true);
  });

  it('explain', () => {
    const file = join(SRC, 'diagnostics/explain/explain.ts');
    const { allowed } = BOUNDARIES.explain;
    expect(allowed(file, '../../search/explain-answer')).toBe(false);
    expect(allowed(file, '../../site/lang')).toBe(false);
    expect(allowed(file, '../../components/runbook-pages')).toBe(false);
    expect(allowed(file, 'astro:content')).toBe(false);
    expect(allowed(file, '../../retrieval/matcher')).toBe(true);
    expect(allowed(file, '../runbooks/runbooks')).toBe(true);
    expect(allowed(file, './format')).toBe(true);
  });

  it('finds static, side-effect, re-export and dynamic imports', () => {
    expect(
      specifiers(
        "import { a } from 'node:fs';\nimport type { B } from './b';\nimport './c';\nexport * from './d';\nconst m = import('astro:content');",
      ),
    ).toEqual(['node:fs', './b', './c', './d', 'astro:content']);
  });
});
