/**
 * `k8sdiag explain` without the edges: match text against the runbooks (every language: what
 * matches does not depend on the output language) and join each match with the runbook's cause,
 * fix commands and URL in the output language. Pure.
 *
 * A weak match ("possibly related") carries no fix commands: a newcomer runs what is printed,
 * and a state-changing fix for the wrong failure is worse than none.
 */
import type { RunbookId } from '../../content/runbook-schema';
import { toMatchDoc } from '../../retrieval/docs';
import { buildMatcher, type Match, type Matcher, matcherFromIndex } from '../../retrieval/matcher';
import type { MatcherIndex } from '../../retrieval/matcher-index';
import type { Lang, RunbookEntry } from '../runbooks/runbooks';

export interface Explanation {
  id: RunbookId;
  title: string;
  /** 0..1, see src/retrieval/confidence.ts. */
  confidence: number;
  /** Only "possibly related": no fix commands, exit 1. */
  weak: boolean;
  /** Another runbook has the same confidence. */
  tie: boolean;
  /** Same as confidence (older readers). */
  score: number;
  cause: string;
  fixCommands: string[];
  url: string;
  matched: Match['matched'];
  ruledOutBy?: string;
  /** The user's line in whose presence the same error has other common causes. */
  undecidedBy?: string;
}

export interface ExplainInput {
  text: string;
  lang: Lang;
  /** Runbook entries of any languages; all of them are matched, the output uses `lang`'s. */
  entries: readonly RunbookEntry[];
  url: (id: RunbookId, lang: Lang) => string;
  limit?: number;
  /** The index of the same entries, precomputed (the bundled CLI's); built from `entries` if absent. */
  index?: MatcherIndex | undefined;
}

const matchers = new WeakMap<object, Matcher>();

function matcherFor(entries: readonly RunbookEntry[], index: MatcherIndex | undefined): Matcher {
  const key = index ?? entries;
  let matcher = matchers.get(key);
  if (matcher === undefined) {
    matcher =
      index === undefined
        ? buildMatcher(entries.map((entry) => toMatchDoc(entry.frontmatter)))
        : matcherFromIndex(index);
    matchers.set(key, matcher);
  }
  return matcher;
}

export function explain(input: ExplainInput): Explanation[] {
  const matcher = matcherFor(input.entries, input.index);
  const out: Explanation[] = [];
  for (const match of matcher.match(input.text, { limit: input.limit ?? 3 })) {
    const entry =
      input.entries.find((e) => e.frontmatter.runbook === match.id && e.lang === input.lang) ??
      input.entries.find((e) => e.frontmatter.runbook === match.id);
    if (entry === undefined) continue;
    const { frontmatter } = entry;
    const explanation: Explanation = {
      id: frontmatter.runbook,
      title: frontmatter.title,
      confidence: match.confidence,
      weak: match.weak,
      tie: match.tie,
      score: match.score,
      cause: frontmatter.cause,
      fixCommands: match.weak ? [] : frontmatter.fixCommands,
      url: input.url(frontmatter.runbook, entry.lang),
      matched: match.matched,
    };
    if (match.ruledOutBy !== undefined) explanation.ruledOutBy = match.ruledOutBy;
    if (match.undecidedBy !== undefined) explanation.undecidedBy = match.undecidedBy;
    out.push(explanation);
  }
  return out;
}

/** Exit 0 only when the first answer is confident. */
export function isConfidentAnswer(explanations: readonly Explanation[]): boolean {
  return explanations[0] !== undefined && !explanations[0].weak;
}
