/**
 * The explain matcher (src/retrieval/matcher.ts, the engine of `k8sdiag explain`) inside the search
 * dialog: when a query looks like a pasted error, the dialog shows the matcher's best runbook above
 * Pagefind's results. The matcher code and the runbooks' matcher input (/search-runbooks/<lang>.json)
 * load on first use only, so no page pays for them up front.
 */
import type { MatchDoc } from '../retrieval/matcher';

export interface ExplainRunbook {
  doc: MatchDoc;
  url: string;
  title: string;
}

export type Confidence = 'confident' | 'weak';

export interface ExplainAnswer {
  title: string;
  url: string;
  score: number;
  confidence: Confidence;
}

/** The dialog's label for a match: the matcher's own verdict (src/retrieval/confidence.ts), nothing else. */
export function confidenceOf(match: { weak: boolean }): Confidence {
  return match.weak ? 'weak' : 'confident';
}

let loaded: Promise<(text: string) => ExplainAnswer | undefined> | undefined;

/** Loads the matcher and the runbooks of `lang` under `base` (the site's base URL) once. */
function explainer(base: string, lang: string): Promise<(text: string) => ExplainAnswer | undefined> {
  loaded ??= Promise.all([
    import('../retrieval/matcher'),
    fetch(`${base}search-runbooks/${lang}.json`).then((response) => {
      if (!response.ok) throw new Error(`search-runbooks/${lang}.json: HTTP ${response.status}`);
      return response.json() as Promise<ExplainRunbook[]>;
    }),
  ]).then(([module, runbooks]) => {
    const matcher = module.buildMatcher(runbooks.map((runbook) => runbook.doc));
    // Both languages' pages of a runbook carry evidence; the first entry per id has this language's title and link.
    const byId = new Map<string, ExplainRunbook>();
    for (const runbook of runbooks) if (!byId.has(runbook.doc.id)) byId.set(runbook.doc.id, runbook);
    return (text: string) => {
      const [best] = matcher.match(text, { limit: 1 });
      const runbook = best === undefined ? undefined : byId.get(best.id);
      if (best === undefined || runbook === undefined) return undefined;
      return {
        title: runbook.title,
        url: runbook.url,
        score: best.confidence,
        confidence: confidenceOf(best),
      };
    };
  });
  return loaded;
}

/** The matcher's best runbook for a pasted error, or undefined when nothing matches. */
export async function explainAnswer(text: string, base: string, lang: string): Promise<ExplainAnswer | undefined> {
  return (await explainer(base, lang))(text);
}
