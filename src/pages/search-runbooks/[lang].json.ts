/**
 * The runbooks' matcher input for the search dialog, one file per language:
 * /search-runbooks/en.json and /search-runbooks/ko.json. The dialog fetches it only when a query
 * looks like a pasted error (src/search/explain-answer.ts), so no page carries it up front.
 */

import { getCollection } from 'astro:content';
import type { APIRoute, GetStaticPaths } from 'astro';
import { entryHref } from '../../components/runbook-pages';
import { matchSourceOf, toMatchDoc } from '../../retrieval/docs';
import type { ExplainRunbook } from '../../search/explain-answer';
import { SITE_LANGS, siteLang } from '../../site/lang';

export const getStaticPaths = (() => SITE_LANGS.map((lang) => ({ params: { lang } }))) satisfies GetStaticPaths;

export const GET: APIRoute = async ({ params }) => {
  const lang = siteLang(params.lang);
  // Evidence from both languages (a Korean error line matches on an English page's runbook too), as
  // in the paste box and `k8sdiag explain`; titles and links in the dialog's language.
  const entries = await getCollection('docs', (entry) => entry.data.runbook !== undefined);
  const shown = new Map(
    entries
      .filter((entry) => siteLang(entry.id.startsWith('ko/') ? 'ko' : 'en') === lang)
      .map((entry) => [entry.data.runbook, { url: entryHref(entry), title: entry.data.title }]),
  );
  const runbooks: ExplainRunbook[] = [];
  for (const entry of entries) {
    const source = matchSourceOf(entry.data);
    if (source === undefined) continue;
    const show = shown.get(source.runbook);
    if (show === undefined) continue;
    runbooks.push({
      doc: toMatchDoc(source),
      url: show.url,
      title: show.title,
    });
  }
  runbooks.sort((a, b) => a.doc.id.localeCompare(b.doc.id));
  return new Response(JSON.stringify(runbooks), { headers: { 'Content-Type': 'application/json; charset=utf-8' } });
};
