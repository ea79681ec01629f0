/**
 * Pagefind's default UI with k8sdiag's query normalisation. astro.config.mjs aliases the bare
 * specifier `@pagefind/default-ui` to this module, so Starlight's own search dialog constructs this
 * class and keeps its markup, styles and keyboard handling. Two things change:
 * - `processTerm`: every query goes through `normaliseQuery` (src/retrieval/korean/stem.ts), the same
 *   function that produced the stems in the index, so 서버를 and 서버에 both search for 서버;
 * - `processResult`: the search-only metadata (stems, about) is dropped from results so the UI
 *   does not show it as tags.
 */
import { PagefindUI as DefaultPagefindUI } from '@pagefind/default-ui/npm_dist/mjs/ui-core.mjs';
import { normaliseQuery } from '../retrieval/korean/stem';
import { HIDDEN_META_KEYS } from './pagefind-options';

interface ResultData {
  meta?: Record<string, unknown>;
}

interface UiOptions extends Record<string, unknown> {
  processTerm?: (term: string) => string;
  processResult?: (result: ResultData) => ResultData | undefined;
}

export function withKoreanSearch(options: UiOptions): UiOptions {
  const { processTerm, processResult } = options;
  return {
    ...options,
    processTerm: (term: string) => normaliseQuery(processTerm ? processTerm(term) : term),
    processResult: (result: ResultData) => {
      const out = processResult?.(result) ?? result;
      for (const key of HIDDEN_META_KEYS) if (out.meta) delete out.meta[key];
      return out;
    },
  };
}

export class PagefindUI extends DefaultPagefindUI {
  constructor(options: UiOptions) {
    super(withKoreanSearch(options));
  }
}
