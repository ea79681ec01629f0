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

/**
 * The matcher's confidence for a score: the one place that decides it for the dialog, so that the
 * matcher's own confidence labels can replace it in one line.
 */
export function confidenceOf(score: number, weakBelow: number): Confidence {
  return score < weakBelow ? 'weak' : 'confident';
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
    const byId = new Map(runbooks.map((runbook) => [runbook.doc.id, runbook]));
    return (text: string) => {
      const [best] = matcher.match(text, { limit: 1 });
      const runbook = best === undefined ? undefined : byId.get(best.id);
      if (best === undefined || runbook === undefined) return undefined;
      return {
        title: runbook.title,
        url: runbook.url,
        score: best.score,
        confidence: confidenceOf(best.score, module.WEAK_BELOW),
      };
    };
  });
  return loaded;
}

/** The matcher's best runbook for a pasted error, or undefined when nothing matches. */
export async function explainAnswer(text: string, base: string, lang: string): Promise<ExplainAnswer | undefined> {
  return (await explainer(base, lang))(text);
}
