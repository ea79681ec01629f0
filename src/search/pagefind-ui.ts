/**
 * Pagefind's default UI with k8sdiag's query processing. astro.config.mjs aliases the bare
 * specifier `@pagefind/default-ui` to this module, so Starlight's own search dialog constructs this
 * class and keeps its markup, styles and keyboard handling. What changes:
 * - search: the UI's Pagefind is wrapped (src/search/relaxed-pagefind.ts) so that every query runs
 *   through `relaxedSearch` (src/retrieval/relax.ts): query analysis with the Korean normaliser and
 *   the glossary, then relaxation, so one word that no page contains never empties the list;
 * - notes above the results (src/search/search-notes.ts): the words the results were found without,
 *   and for a pasted error the explain matcher's best runbook with its confidence;
 * - `processResult`: the search-only metadata (src/search/pagefind-options.ts) is dropped from
 *   results so the UI does not show it as tags.
 */
import { PagefindUI as DefaultPagefindUI } from '@pagefind/default-ui/npm_dist/mjs/ui-core.mjs';
import { siteLang } from '../site/lang';
import { explainAnswer } from './explain-answer';
import { HIDDEN_META_KEYS } from './pagefind-options';
import { type PagefindModule, relaxedBundlePath, relaxedPagefind } from './relaxed-pagefind';
import { SearchNotes } from './search-notes';
import { SEARCH_STRINGS } from './strings';

/** Wait after the last keystroke before searching. */
export const DEBOUNCE_MS = 150;

interface ResultData {
  meta?: Record<string, unknown>;
}

interface UiOptions extends Record<string, unknown> {
  element?: string | HTMLElement;
  bundlePath?: string;
  baseUrl?: string;
  processResult?: (result: ResultData) => ResultData | undefined;
}

/** Removes the search-only metadata from every result, after the caller's own processResult. */
export function withHiddenMeta(options: UiOptions): UiOptions {
  const { processResult } = options;
  return {
    ...options,
    processResult: (result: ResultData) => {
      const out = processResult?.(result) ?? result;
      for (const key of HIDDEN_META_KEYS) if (out.meta) delete out.meta[key];
      return out;
    },
  };
}

function rootOf(element: UiOptions['element']): HTMLElement | null {
  if (element instanceof HTMLElement) return element;
  return document.querySelector<HTMLElement>(element ?? '[data-pagefind-ui]');
}

export class PagefindUI extends DefaultPagefindUI {
  constructor(options: UiOptions) {
    const bundlePath = options.bundlePath ?? '/pagefind/';
    const base = options.baseUrl ?? '/';
    const lang = siteLang(document.documentElement.lang);
    const root = rootOf(options.element);
    const notes = root
      ? new SearchNotes(root, SEARCH_STRINGS[lang], (text) =>
          explainAnswer(text, base.endsWith('/') ? base : `${base}/`, lang),
        )
      : undefined;
    const pagefind = relaxedPagefind(
      () => import(/* @vite-ignore */ `${bundlePath}pagefind.js`) as Promise<PagefindModule>,
      (text, result) => notes?.update(text, result),
    );
    super(
      withHiddenMeta({
        // Pagefind UI waits 300 ms after a keystroke by default; half of it keeps the dialog from
        // searching on every key while results still follow typing closely (npm run bench:search).
        debounceTimeoutMs: DEBOUNCE_MS,
        ...options,
        bundlePath: relaxedBundlePath(pagefind),
      }),
    );
  }
}
