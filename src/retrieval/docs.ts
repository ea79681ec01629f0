/**
 * The projection of a runbook's frontmatter that the matcher reads. Browser-safe: the site
 * builds the same projection from `getCollection('docs')` and serialises it into the page.
 */
import type { RunbookFrontmatter } from '../content/runbook-schema';
import type { MatchDoc } from './matcher';

export type MatchSource = Pick<
  RunbookFrontmatter,
  | 'runbook'
  | 'title'
  | 'description'
  | 'signatures'
  | 'supports'
  | 'ruledOutBy'
  | 'undecidedBy'
  | 'hosts'
  | 'context'
  | 'symptoms'
  | 'cause'
>;

type Required4 = 'runbook' | 'signatures' | 'symptoms' | 'cause';

/**
 * The site's docs entries carry the runbook fields as optional (the collection also holds pages that
 * are not runbooks): the match source of an entry, or undefined when it is not a runbook. One home for
 * the field list, so a new frontmatter field reaches the page, the JSON route and the CLI alike.
 */
export function matchSourceOf(
  data: Omit<MatchSource, Required4 | 'description'> & {
    [K in Required4 | 'description']?: MatchSource[K] | undefined;
  },
): MatchSource | undefined {
  const { runbook, signatures, symptoms, cause } = data;
  if (runbook === undefined || signatures === undefined || symptoms === undefined || cause === undefined)
    return undefined;
  return { ...data, runbook, signatures, symptoms, cause, description: data.description ?? '' };
}

export function toMatchDoc(frontmatter: MatchSource): MatchDoc {
  return {
    id: frontmatter.runbook,
    title: frontmatter.title,
    description: frontmatter.description,
    signatures: frontmatter.signatures,
    supports: frontmatter.supports,
    ruledOutBy: frontmatter.ruledOutBy,
    undecidedBy: frontmatter.undecidedBy,
    hosts: frontmatter.hosts,
    context: frontmatter.context,
    symptoms: frontmatter.symptoms,
    cause: frontmatter.cause,
  };
}
