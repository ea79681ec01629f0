/**
 * The matcher's index of the runbooks: every phrase tokenised and weighted once. Plain data (JSON
 * round-trips it), so scripts/build-cli.mjs computes it at build time and the CLI only parses it;
 * the site and the tests build it at start (`buildMatcher` in matcher.ts does both steps).
 * Pure and browser-safe.
 */
import { normalize } from './normalize';
import { isPatternLine } from './pattern-lines';
import { glossaryTerms } from './prose';
import { tokenize } from './tokenize';

export interface MatchDoc {
  id: string;
  title: string;
  /** Deciding signatures. */
  signatures: readonly string[];
  supports?: readonly string[] | undefined;
  ruledOutBy?: readonly string[] | undefined;
  undecidedBy?: readonly string[] | undefined;
  hosts?: readonly string[] | undefined;
  context?: readonly string[] | undefined;
  symptoms: readonly string[];
  cause: string;
  description?: string | undefined;
}

export type PhraseKind = 'signature' | 'supports' | 'symptom' | 'title' | 'cause' | 'description' | 'prose';

/** A line that rules the runbook out, or leaves its signatures undecided (never positive evidence). */
export type NegativeKind = 'rules-out' | 'undecides';

/** What a `/regex/` entry says: a supporting line (never decides), or a negative one. */
export type PatternKind = NegativeKind | 'supports';

export interface IndexedPhrase {
  /** Index of the runbook in `groups`. */
  doc: number;
  kind: PhraseKind | NegativeKind;
  /** As written in the frontmatter. */
  text: string;
  /** `tokenize(normalize(text))`: the costly step (Korean stems); weights follow cheaply at load. */
  tokens: string[];
}

export interface IndexedGroup {
  id: string;
  /** `context` commands as two words (`kubeadm join`). */
  contexts: string[][];
  /** Every term of the runbook's phrases and the glossary entries they mention (prose evidence). */
  proseTerms: string[];
  /** `hosts`: a deciding signature needs one of them, or no URL at all, where it matched. */
  hosts: string[];
  /** `/regex/` entries of supports, ruledOutBy and undecidedBy, as written. */
  patterns: { kind: PatternKind; source: string }[];
}

export interface MatcherIndex {
  groups: IndexedGroup[];
  phrases: IndexedPhrase[];
}

/**
 * `docs` may hold several documents with the same id (one per language): they are one runbook,
 * so matching does not depend on the output language.
 */
export function indexDocs(docs: readonly MatchDoc[]): MatcherIndex {
  const groups: {
    id: string;
    contexts: string[][];
    proseTerms: Set<string>;
    hosts: Set<string>;
    patterns: IndexedGroup['patterns'];
  }[] = [];
  const groupOf = new Map<string, number>();
  const phrases: IndexedPhrase[] = [];
  const seen = new Set<string>();
  for (const doc of docs) {
    let index = groupOf.get(doc.id);
    if (index === undefined) {
      index = groups.length;
      groupOf.set(doc.id, index);
      groups.push({ id: doc.id, contexts: [], proseTerms: new Set(), hosts: new Set(), patterns: [] });
    }
    const group = groups[index];
    if (group === undefined) continue;
    const doc_ = index;
    const proseText: string[] = [];
    const add = (kind: IndexedPhrase['kind'], text: string): void => {
      const key = `${doc_}\u0000${kind}\u0000${text}`;
      if (seen.has(key)) return;
      seen.add(key);
      if ((kind === 'rules-out' || kind === 'undecides' || kind === 'supports') && isPatternLine(text)) {
        group.patterns.push({ kind, source: text });
        return;
      }
      const tokens = tokenize(normalize(text).replace(/\n/g, ' '));
      if (tokens.length === 0) return;
      if (kind !== 'rules-out' && kind !== 'undecides') {
        for (const token of tokens) group.proseTerms.add(token);
        proseText.push(text);
      }
      phrases.push({ doc: doc_, kind, text, tokens });
    };
    for (const text of doc.signatures) add('signature', text);
    for (const text of doc.supports ?? []) add('supports', text);
    for (const text of doc.ruledOutBy ?? []) add('rules-out', text);
    for (const text of doc.undecidedBy ?? []) add('undecides', text);
    for (const host of doc.hosts ?? []) group.hosts.add(host.toLowerCase());
    for (const text of doc.symptoms) add('symptom', text);
    add('title', doc.title);
    add('cause', doc.cause);
    if (doc.description !== undefined) add('description', doc.description);
    for (const term of glossaryTerms(proseText.join('\n'))) group.proseTerms.add(term);
    for (const command of doc.context ?? []) {
      const words = tokenize(normalize(command));
      if (words.length === 2 && !group.contexts.some((c) => c.join(' ') === words.join(' ')))
        group.contexts.push(words);
    }
  }
  return {
    groups: groups.map((group) => ({
      id: group.id,
      contexts: group.contexts,
      proseTerms: [...group.proseTerms],
      hosts: [...group.hosts],
      patterns: group.patterns,
    })),
    phrases,
  };
}
