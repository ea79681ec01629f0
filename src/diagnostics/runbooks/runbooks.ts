import type { RunbookId } from '../../content/runbook-schema';
import { SITE_URL } from '../../site-url';
import type { Lang, RunbookEntry } from './read-runbooks';
import { runbookEntries } from './runbook-data';

export type { Lang, RunbookEntry } from './read-runbooks';

/** Base URL of the runbook site: --docs-url, then K8SDIAG_DOCS_URL, then this default. */
export const DEFAULT_DOCS_URL = SITE_URL; // K8SDIAG_SITE_URL at build time (src/site-url.ts)

export function runbooks(lang: Lang = 'en'): RunbookEntry[] {
  return runbookEntries.filter((entry) => entry.lang === lang);
}

export function findRunbook(id: string, lang: Lang = 'en'): RunbookEntry | undefined {
  return runbookEntries.find((entry) => entry.lang === lang && entry.frontmatter.runbook === id);
}

export function runbookUrl(id: RunbookId, lang: Lang = 'en', base: string = DEFAULT_DOCS_URL): string {
  const trimmed = base.replace(/\/+$/, '');
  return lang === 'en' ? `${trimmed}/runbooks/${id}/` : `${trimmed}/${lang}/runbooks/${id}/`;
}
