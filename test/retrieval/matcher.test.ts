import { describe, expect, it } from 'vitest';
import { buildMatcher, type MatchDoc } from '../../src/retrieval/matcher';

// Small hand-written documents that isolate one property of the scoring each.
const docs: MatchDoc[] = [
  {
    id: 'alpha',
    title: 'Widget frobnication fails',
    signatures: ['frobnicator: cannot open widget socket'],
    symptoms: ['the widget never starts'],
    cause: 'The widget socket directory is missing.',
  },
  {
    id: 'beta',
    title: 'Gadget quux overflow',
    signatures: ['gadget quux buffer overflow detected'],
    symptoms: ['가젯 서버에 연결할 수 없음'],
    cause: 'The gadget buffer is too small for quux frames.',
  },
];
const matcher = buildMatcher(docs);
const ids = (text: string): string[] => matcher.match(text).map((m) => m.id);

describe('buildMatcher', () => {
  it('finds a signature inside noise with timestamps and addresses', () => {
    const [top] = matcher.match(
      '2024-03-01T10:00:00Z host 10.1.2.3 frobnicator: cannot open widget socket (pid 48213)',
    );
    expect(top?.id).toBe('alpha');
    expect(top?.matched).toEqual({
      kind: 'signature',
      text: 'frobnicator: cannot open widget socket',
      line: '2024-03-01T10:00:00Z host 10.1.2.3 frobnicator: cannot open widget socket (pid 48213)',
    });
    expect(top?.score).toBeGreaterThan(0.9);
  });

  it('scores words in the signature order above the same words shuffled', () => {
    const ordered = matcher.match('gadget quux buffer overflow detected')[0]?.score ?? 0;
    const shuffled = matcher.match('detected overflow buffer quux gadget')[0]?.score ?? 0;
    expect(ordered).toBeGreaterThan(shuffled);
  });

  it('does not add up words from lines far apart in a long log', () => {
    const filler = Array.from({ length: 40 }, (_v, i) => `line ${i}: nothing to see`);
    const score = (text: string): number => matcher.match(text, { minConfidence: 0 })[0]?.score ?? 0;
    const far = score(['frobnicator started', ...filler, 'cannot open', ...filler, 'widget socket ready'].join('\n'));
    const near = score(['frobnicator started', 'cannot open', 'widget socket ready'].join('\n'));
    const bestLineAlone = score([...filler, 'widget socket ready', ...filler].join('\n'));
    expect(far).toBe(bestLineAlone);
    expect(near).toBeGreaterThan(far + 0.2);
  });

  it('matches nothing for a lone common word or empty text', () => {
    expect(ids('the')).toEqual([]);
    expect(ids('')).toEqual([]);
    expect(ids('unrelated words entirely')).toEqual([]);
  });

  it('matches Korean text whose particles differ from the runbook', () => {
    expect(ids('가젯 서버를 연결 못 함')).toEqual(['beta']);
  });

  it('respects the limit and sorts by score', () => {
    const both = matcher.match('frobnicator: cannot open widget socket\ngadget quux buffer overflow', { limit: 1 });
    expect(both).toHaveLength(1);
  });
});
