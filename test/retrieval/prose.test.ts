import { describe, expect, it } from 'vitest';
import { glossaryTerms, proseTerms } from '../../src/retrieval/prose';

describe('proseTerms: a description in words, English or Korean', () => {
  it('meets the glossary in any spelling: 맥북, M1 and Apple Silicon are one term', () => {
    expect(glossaryTerms('맥북 M1에서 안 돼요')).toContain('=apple-silicon');
    expect(glossaryTerms('on my Apple Silicon laptop')).toContain('=apple-silicon');
    expect(glossaryTerms('베이그런트로 띄웠는데')).toContain('=vagrant');
  });

  it('matches multi-word forms on whole words only', () => {
    expect(glossaryTerms('ran apt-get update twice')).toContain('=package-cache');
    expect(glossaryTerms('the m10 switch')).not.toContain('=apple-silicon');
  });

  it('stems Korean words and drops particles glued to English words', () => {
    const terms = proseTerms('워커에서 kubectl이 8080 에러');
    expect(terms).toEqual(expect.arrayContaining(['워커', 'kubectl', '8080', '=worker', '=error']));
    expect(terms).not.toContain('이');
  });
});
