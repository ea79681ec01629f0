/**
 * Pagefind settings shared by the site (astro.config.mjs passes them to Starlight, which hands them
 * to the search UI) and by test/site/search.test.ts (which queries the built index with exactly the
 * same ranking). Every ranking field is spelled out so that neither Starlight's nor Pagefind's
 * defaults decide it silently.
 */

/** Metadata under which Korean pages carry the stems of their words (SearchMeta.astro). */
export const STEMS_META_KEY = 'stems';
/** Metadata under which runbook pages carry their frontmatter description, symptoms and cause. */
export const ABOUT_META_KEY = 'about';
/**
 * Metadata under which every page carries all forms (English, Korean, transliterations, misspellings,
 * spacing variants) of the glossary concepts it names (src/retrieval/glossary-match.ts).
 */
export const GLOSSARY_META_KEY = 'terms';
/** Search-only metadata the search UI must not show as result tags. */
export const HIDDEN_META_KEYS = [STEMS_META_KEY, ABOUT_META_KEY, GLOSSARY_META_KEY] as const;

export const PAGEFIND_RANKING = {
  /** Starlight's default: short and long pages compete on content, not length. */
  pageLength: 0.1,
  /** Starlight's default. */
  termFrequency: 0.1,
  /** Pagefind's and Starlight's default. */
  termSaturation: 2,
  /** Exact words beat longer words that merely start with the query (서버 vs 서버숨김). */
  termSimilarity: 9,
  /** Pagefind's and Starlight's default. */
  diacriticSimilarity: 0.8,
  metaWeights: {
    /** Pagefind's default title boost. */
    title: 5,
    /** A page whose words share a query word's stem gets a boost once, however often it says it. */
    [STEMS_META_KEY]: 1,
    /** The runbook's own summary of the failure: as strong as a match in the text. */
    [ABOUT_META_KEY]: 1,
    /** Another name of a concept the page names: enough to find the page, not to outrank its own words. */
    [GLOSSARY_META_KEY]: 0.5,
  },
} as const;

export const PAGEFIND_OPTIONS = { ranking: PAGEFIND_RANKING } as const;
