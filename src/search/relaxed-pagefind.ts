/**
 * Hands Pagefind's default UI a Pagefind whose `search` relaxes the query
 * (src/retrieval/relax.ts), without forking the UI.
 *
 * The UI loads Pagefind with `import(bundlePath + 'pagefind.js')` and uses `bundlePath` for nothing
 * else. `relaxedBundlePath` registers a bridge object on `globalThis` and returns a `data:` URL of
 * a four-line module that re-exports the bridge's functions, ending in `#` so that the UI's
 * appended `pagefind.js` becomes the URL's fragment (ignored when a data: URL is loaded). The bridge
 * loads the real dist/pagefind/pagefind.js from the real bundle path, so Pagefind still finds its
 * index and worker next to itself.
 */
import { analyseQuery } from '../retrieval/query';
import { type EngineHit, type RelaxedResult, relaxedSearch } from '../retrieval/relax';

export interface PagefindHit extends EngineHit {
  data(): Promise<unknown>;
}

export interface PagefindResponse {
  results: PagefindHit[];
  unfilteredResultCount?: number;
  filters?: Record<string, unknown>;
  totalFilters?: Record<string, unknown>;
}

/** The part of dist/pagefind/pagefind.js that Pagefind's UI calls. */
export interface PagefindModule {
  options(options: Record<string, unknown>): Promise<void>;
  init(): Promise<void>;
  search(term: string, options?: Record<string, unknown>): Promise<PagefindResponse | null>;
  debouncedSearch(term: string, options?: Record<string, unknown>, ms?: number): Promise<PagefindResponse | null>;
  preload(term: string, options?: Record<string, unknown>): Promise<void>;
  filters(): Promise<Record<string, unknown>>;
  mergeIndex(url: string, options?: Record<string, unknown>): Promise<void>;
  destroy(): Promise<void>;
}

const EXPORTS = [
  'options',
  'init',
  'search',
  'debouncedSearch',
  'preload',
  'filters',
  'mergeIndex',
  'destroy',
] as const;

/** Called after every search the UI runs, with what relaxation did (for the "searched without" note). */
export type OnSearch = (text: string, result: RelaxedResult<PagefindHit>) => void;

/**
 * A Pagefind module whose `search(text)` is `relaxedSearch` over the real module's `search`.
 * `load` imports the real module (once).
 */
export function relaxedPagefind(load: () => Promise<PagefindModule>, onSearch: OnSearch): PagefindModule {
  let real: Promise<PagefindModule> | undefined;
  const pagefind = (): Promise<PagefindModule> => {
    real ??= load();
    return real;
  };
  const search = async (text: string, options?: Record<string, unknown>): Promise<PagefindResponse> => {
    const module = await pagefind();
    const engine = {
      search: async (term: string): Promise<PagefindHit[]> => (await module.search(term, options))?.results ?? [],
    };
    const result = await relaxedSearch(engine, text);
    onSearch(text, result);
    const results = [...result.hits];
    return { results, unfilteredResultCount: results.length, filters: {}, totalFilters: {} };
  };
  return {
    options: async (options) => (await pagefind()).options(options),
    init: async () => (await pagefind()).init(),
    search,
    debouncedSearch: (text, options) => search(text, options),
    preload: async (text, options) => {
      const module = await pagefind();
      // Load the index chunks of every term the relaxed search may look up alone.
      await Promise.all(analyseQuery(text).terms.map((term) => module.preload(term, options)));
    },
    filters: async () => (await pagefind()).filters(),
    mergeIndex: async (url, options) => (await pagefind()).mergeIndex(url, options),
    destroy: async () => (await pagefind()).destroy(),
  };
}

let bridges = 0;

/** Registers `module` and returns the bundle path to give Pagefind's UI instead of the real one. */
export function relaxedBundlePath(module: PagefindModule): string {
  const key = `__k8sdiagPagefind${bridges++}`;
  (globalThis as Record<string, unknown>)[key] = module;
  const source = [
    `const b = globalThis[${JSON.stringify(key)}];`,
    ...EXPORTS.map((name) => `export const ${name} = (...a) => b.${name}(...a);`),
  ].join('\n');
  return `data:text/javascript;charset=utf-8,${encodeURIComponent(source)}#`;
}
