/**
 * `k8sdiag explain` without the edges: match text against the runbooks of one language and
 * join each match with the runbook's cause, fix commands and URL. Pure.
 */
import type { RunbookId } from '../../content/runbook-schema';
import type { Lang, RunbookEntry } from '../knowledge/runbooks';
import { toMatchDoc } from '../../retrieval/docs';
import { buildMatcher, type Match, type Matcher } from '../../retrieval/matcher';

export interface Explanation {
  id: RunbookId;
  title: string;
  score: number;
  cause: string;
  fixCommands: string[];
  url: string;
  matched: Match['matched'];
}

export interface ExplainInput {
  text: string;
  lang: Lang;
  entries: readonly RunbookEntry[];
  url: (id: RunbookId, lang: Lang) => string;
  limit?: number;
}

const matchers = new WeakMap<readonly RunbookEntry[], Matcher>();

function matcherFor(entries: readonly RunbookEntry[]): Matcher {
  let matcher = matchers.get(entries);
  if (matcher === undefined) {
    matcher = buildMatcher(entries.map((entry) => toMatchDoc(entry.frontmatter)));
    matchers.set(entries, matcher);
  }
  return matcher;
}

export function explain(input: ExplainInput): Explanation[] {
  const matcher = matcherFor(input.entries);
  const out: Explanation[] = [];
  for (const match of matcher.match(input.text, { limit: input.limit ?? 3 })) {
    const entry = input.entries.find((candidate) => candidate.frontmatter.runbook === match.id);
    if (entry === undefined) continue;
    const { frontmatter } = entry;
    out.push({
      id: frontmatter.runbook,
      title: frontmatter.title,
      score: match.score,
      cause: frontmatter.cause,
      fixCommands: frontmatter.fixCommands,
      url: input.url(frontmatter.runbook, input.lang),
      matched: match.matched,
    });
  }
  return out;
}
