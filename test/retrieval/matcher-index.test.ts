/**
 * The precomputed index (what scripts/build-cli.mjs inlines into the CLI) answers exactly like a
 * matcher built from the runbooks at start, after a JSON round trip.
 */
import { describe, expect, it } from 'vitest';
import { runbookEntries } from '../../src/diagnostics/runbooks/runbook-data';
import { toMatchDoc } from '../../src/retrieval/docs';
import { buildMatcher, indexDocs, matcherFromIndex } from '../../src/retrieval/matcher';
import { loadCorpus } from '../diagnostics/explain/corpus/corpus';

describe('matcher index', () => {
  const docs = runbookEntries.map((entry) => toMatchDoc(entry.frontmatter));
  const direct = buildMatcher(docs);
  const index = indexDocs(docs);
  const revived = matcherFromIndex(JSON.parse(JSON.stringify(index)));

  it('covers every runbook and phrase kind', () => {
    expect(revived.ids).toEqual(direct.ids);
    expect(new Set(index.phrases.map((phrase) => phrase.kind))).toEqual(
      new Set(['signature', 'supports', 'rules-out', 'undecides', 'symptom', 'title', 'cause', 'description']),
    );
  });

  it('gives the same matches as a matcher built at start, on every corpus text', () => {
    for (const item of loadCorpus()) {
      expect(revived.match(item.text, { limit: 5 }), item.id).toEqual(direct.match(item.text, { limit: 5 }));
    }
  });
});
