/**
 * The runbooks' matcher input for the search dialog, one file per language:
 * /search-runbooks/en.json and /search-runbooks/ko.json. The dialog fetches it only when a query
 * looks like a pasted error (src/search/explain-answer.ts), so no page carries it up front.
 */

import { getCollection } from 'astro:content';
import type { APIRoute, GetStaticPaths } from 'astro';
import { entryHref } from '../../components/runbook-pages';
import { toMatchDoc } from '../../retrieval/docs';
import type { ExplainRunbook } from '../../search/explain-answer';
import { SITE_LANGS, siteLang } from '../../site/lang';

export const getStaticPaths = (() => SITE_LANGS.map((lang) => ({ params: { lang } }))) satisfies GetStaticPaths;

export const GET: APIRoute = async ({ params }) => {
  const lang = siteLang(params.lang);
  const entries = await getCollection(
    'docs',
    (entry) => entry.data.runbook !== undefined && siteLang(entry.id.startsWith('ko/') ? 'ko' : 'en') === lang,
  );
  const runbooks: ExplainRunbook[] = [];
  for (const entry of entries) {
    const { runbook, title, signatures, symptoms, cause } = entry.data;
    if (runbook === undefined || signatures === undefined || symptoms === undefined || cause === undefined) continue;
    runbooks.push({ doc: toMatchDoc({ runbook, title, signatures, symptoms, cause }), url: entryHref(entry), title });
  }
  runbooks.sort((a, b) => a.doc.id.localeCompare(b.doc.id));
  return new Response(JSON.stringify(runbooks), { headers: { 'Content-Type': 'application/json; charset=utf-8' } });
};
