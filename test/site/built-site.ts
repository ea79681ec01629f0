/**
 * Access to the built site for the site tests. `npm test` runs `npm run build` before vitest, so
 * dist/ is the real output of `astro build` with the real Pagefind index.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as pagefind from 'pagefind';
import { startStaticServer } from '../../scripts/static-server.mjs';
import { PAGEFIND_RANKING } from '../../src/search/pagefind-options';
import type { SiteLang } from '../../src/site/lang';

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
export const distDir = join(repoRoot, 'dist');

export function assertBuilt(): void {
  if (!existsSync(join(distDir, 'index.html')) || !existsSync(join(distDir, 'pagefind', 'pagefind.js'))) {
    throw new Error('dist/ has no built site: run `npm run build` first (`npm test` does it for you)');
  }
}

/** Every .html file under dist/, as paths relative to dist/ with forward slashes. */
export function builtHtmlFiles(): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.html')) out.push(relative(distDir, path).split('\\').join('/'));
    }
  };
  walk(distDir);
  return out.sort();
}

export interface SearchHit {
  /** Path of the result page, e.g. /ko/runbooks/exec-format-error/ */
  path: string;
  score: number;
  excerpt: string;
  meta: Record<string, string>;
}

/** One raw Pagefind result: what src/retrieval/relax.ts ranks; `path()` loads the page's URL. */
export interface EngineResult {
  id: string;
  score: number;
  path(): Promise<string>;
}

export interface SiteSearch {
  search(query: string): Promise<SearchHit[]>;
  /** Pagefind's own search (every word must match), results not loaded: the engine relax.ts takes. */
  engine: { search(term: string): Promise<EngineResult[]> };
  close(): Promise<void>;
}

interface PagefindResult {
  id: string;
  score: number;
  data(): Promise<{ url: string; excerpt: string; meta: Record<string, string> }>;
}

interface PagefindInstance {
  options(options: Record<string, unknown>): Promise<void>;
  init(): Promise<void>;
  search(term: string): Promise<{ results: PagefindResult[] } | null>;
  destroy(): Promise<void>;
}

interface PagefindModule {
  createInstance(options: { basePath: string }): PagefindInstance;
}

/**
 * Loads the built Pagefind index of one language the way a browser on that language's pages
 * does: dist/pagefind/pagefind.js (Pagefind's own search code and WebAssembly), fetching the index
 * over loopback HTTP from dist/, with the site's ranking settings. Pagefind picks the index from
 * <html lang>; in Node it reads that from `document`, so a one-line stand-in is present while the
 * instance is created. `root` defaults to dist/; the search test also points it at a plain index.
 */
export async function openSiteSearch(lang: SiteLang, root = distDir): Promise<SiteSearch> {
  assertBuilt();
  const server = await startStaticServer({ root });
  const mod = (await import(pathToFileURL(join(root, 'pagefind', 'pagefind.js')).href)) as PagefindModule;
  const globals = globalThis as { document?: unknown };
  globals.document = { querySelector: () => ({ getAttribute: () => lang }) };
  let instance: PagefindInstance;
  try {
    instance = mod.createInstance({ basePath: `${server.url}pagefind/` });
  } finally {
    delete globals.document;
  }
  await instance.options({ ranking: PAGEFIND_RANKING });
  await instance.init();
  const origin = server.url.replace(/\/$/, '');
  return {
    async search(query) {
      const response = await instance.search(query);
      const results = response?.results ?? [];
      const data = await Promise.all(results.map((result) => result.data()));
      return results.map((result, i) => ({
        path: (data[i]?.url ?? '').replace(origin, ''),
        score: result.score,
        excerpt: data[i]?.excerpt ?? '',
        meta: data[i]?.meta ?? {},
      }));
    },
    engine: {
      async search(term) {
        const response = await instance.search(term);
        return (response?.results ?? []).map((result) => ({
          id: result.id,
          score: result.score,
          path: async () => ((await result.data()).url ?? '').replace(origin, ''),
        }));
      },
    },
    async close() {
      await instance.destroy();
      await server.close();
    },
  };
}

/**
 * What Starlight and Pagefind do without k8sdiag's search work: the built pages with the
 * search-only metadata (SearchMeta.astro) removed, indexed by Pagefind with its defaults, written
 * to a temporary directory. Returns that directory; the caller removes it.
 */
export async function buildPlainIndex(): Promise<string> {
  assertBuilt();
  const root = mkdtempSync(join(tmpdir(), 'k8sdiag-plain-index-'));
  for (const file of builtHtmlFiles()) {
    const html = readFileSync(join(distDir, file), 'utf8');
    const plain = html.replace(/<div hidden data-pagefind-ignore data-k8sdiag-search-meta>[\s\S]*?<\/div>/g, '');
    mkdirSync(dirname(join(root, file)), { recursive: true });
    writeFileSync(join(root, file), plain);
  }
  const { index, errors } = await pagefind.createIndex();
  if (!index) throw new Error(`pagefind: ${errors.join('; ')}`);
  try {
    await index.addDirectory({ path: root });
    await index.writeFiles({ outputPath: join(root, 'pagefind') });
  } finally {
    await pagefind.close();
  }
  return root;
}
