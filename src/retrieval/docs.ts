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
