/**
 * The runbook pages of one language, read from the docs collection (the runbooks' frontmatter is
 * the one home of their facts), in field-log order. Used by the home, layer and onboarding pages.
 */
import { type CollectionEntry, getCollection } from 'astro:content';
import type { Layer, RunbookId } from '../content/runbook-schema';
import type { SiteLang } from '../site/lang';

export type DocsEntry = CollectionEntry<'docs'>;

export interface RunbookPage {
  id: RunbookId;
  problem: number;
  layer: Layer;
  title: string;
  description: string;
  symptoms: string[];
  signatures: string[];
  href: string;
}

function entryLang(entry: DocsEntry): SiteLang {
  return entry.id.startsWith('ko/') ? 'ko' : 'en';
}

/** URL of a docs entry under the site's base (ids look like `runbooks/x` or `ko/runbooks/x`). */
export function entryHref(entry: DocsEntry): string {
  const base = import.meta.env.BASE_URL.replace(/\/?$/, '/');
  return `${base}${entry.id}/`;
}

export async function runbookPages(lang: SiteLang): Promise<RunbookPage[]> {
  const entries = await getCollection('docs', (entry) => entry.data.runbook !== undefined && entryLang(entry) === lang);
  const pages: RunbookPage[] = [];
  for (const entry of entries) {
    const { runbook, problem, layer, title, description, symptoms, signatures, supports } = entry.data;
    // The collection schema makes every field required once `runbook` is set; this narrows the types.
    if (runbook === undefined || problem === undefined || layer === undefined) continue;
    pages.push({
      id: runbook,
      problem,
      layer,
      title,
      description: description ?? '',
      symptoms: symptoms ?? [],
      // Every message a user may see: the deciding signatures, then the supporting lines.
      signatures: [...(signatures ?? []), ...(supports ?? [])],
      href: entryHref(entry),
    });
  }
  return pages.sort((a, b) => a.problem - b.problem || a.id.localeCompare(b.id));
}

/** The runbook pages with these ids, in the order given; a missing page fails the build. */
export async function pickRunbooks(lang: SiteLang, ids: readonly RunbookId[]): Promise<RunbookPage[]> {
  const pages = await runbookPages(lang);
  return ids.map((id) => {
    const page = pages.find((candidate) => candidate.id === id);
    if (!page) throw new Error(`k8sdiag site: no ${lang} runbook page with id "${id}"`);
    return page;
  });
}
