/**
 * Error-signature matching: which runbooks does a pasted error (or a long log) point to?
 * Pure and browser-safe. `buildMatcher` takes the runbooks' own frontmatter fields (signatures,
 * symptoms, cause, title), so the knowledge is never retyped here.
 *
 * Scoring, per runbook phrase (one signature, one symptom, the cause or the title):
 * - coverage: how much of the phrase the text contains, as IDF-weighted unigrams plus bigrams
 *   (bigrams reward the words in the phrase's order);
 * - for short input (a few lines), also how much of the input the phrase, or the runbook as a
 *   whole, explains, damped when the shared words carry little evidence (a lone "error" matches
 *   nothing); this is what lets a description such as "kubeadm join 태스크가 로그 없이 멈춤" match.
 * Long input is cut into windows of a few relevant lines, so words from unrelated lines of a
 * log do not add up to a false match. A runbook's score is 0.9 x its best phrase (weighted by
 * kind) + 0.1 x its second best, so that of two runbooks sharing a signature the one with more
 * matching evidence ranks first.
 */
import { normalize } from './normalize';
import { bigrams, tokenize } from './tokenize';

export interface MatchDoc {
  id: string;
  title: string;
  signatures: readonly string[];
  symptoms: readonly string[];
  cause: string;
}

export type PhraseKind = 'signature' | 'symptom' | 'title' | 'cause';

export interface Match {
  id: string;
  /** 0..1 */
  score: number;
  /** The phrase of the runbook that matched best, as written in the frontmatter. */
  matched: { kind: PhraseKind; text: string };
}

export interface MatchOptions {
  /** Default 3. */
  limit?: number;
  /** Results below this score are dropped. Default MIN_SCORE. */
  minScore?: number;
}

export const MIN_SCORE = 0.3;
/** Scores under this are shown as a weak match: some shared words, not the message itself. */
export const WEAK_BELOW = 0.5;
const KIND_WEIGHT: Record<PhraseKind, number> = { signature: 1, symptom: 0.85, title: 0.75, cause: 0.6 };
/** Lines per window and the step between windows (half a window: every pair of near lines meets). */
const WINDOW = 6;
const STEP = 3;
/** Input of at most this many non-blank lines is also scored as one short query. */
const SHORT_LINES = 4;

interface Phrase {
  doc: number;
  kind: PhraseKind;
  text: string;
  unigrams: ReadonlySet<string>;
  bigrams: ReadonlySet<string>;
  weight: number;
}

export interface Matcher {
  readonly docs: readonly MatchDoc[];
  match(text: string, options?: MatchOptions): Match[];
}

interface Query {
  unigrams: Set<string>;
  bigrams: Set<string>;
}

function phraseTokens(text: string): string[] {
  return tokenize(normalize(text).replace(/\n/g, ' '));
}

export function buildMatcher(docs: readonly MatchDoc[]): Matcher {
  const phrases: Phrase[] = [];
  const docTerms: Set<string>[] = docs.map(() => new Set<string>());
  docs.forEach((doc, index) => {
    const add = (kind: PhraseKind, text: string): void => {
      const tokens = phraseTokens(text);
      if (tokens.length === 0) return;
      const terms = docTerms[index];
      for (const token of tokens) terms?.add(token);
      phrases.push({ doc: index, kind, text, unigrams: new Set(tokens), bigrams: new Set(bigrams(tokens)), weight: 0 });
    };
    for (const signature of doc.signatures) add('signature', signature);
    for (const symptom of doc.symptoms) add('symptom', symptom);
    add('title', doc.title);
    add('cause', doc.cause);
  });

  const documentFrequency = new Map<string, number>();
  for (const terms of docTerms) {
    for (const term of terms) documentFrequency.set(term, (documentFrequency.get(term) ?? 0) + 1);
  }
  const total = Math.max(docs.length, 1);
  const unknownIdf = Math.log(total + 1) + 0.1;
  const idf = (term: string): number => {
    const df = documentFrequency.get(term);
    return df === undefined ? unknownIdf : Math.log((total + 1) / df) + 0.1;
  };
  const pairIdf = (pair: string): number => {
    const space = pair.indexOf(' ');
    return idf(pair.slice(0, space)) + idf(pair.slice(space + 1));
  };
  for (const phrase of phrases) {
    let weight = 0;
    for (const term of phrase.unigrams) weight += idf(term);
    for (const pair of phrase.bigrams) weight += pairIdf(pair);
    phrase.weight = weight;
  }
  const vocabulary = new Set(documentFrequency.keys());
  const phraseBigrams = new Set<string>();
  for (const phrase of phrases) for (const pair of phrase.bigrams) phraseBigrams.add(pair);
  /** Enough shared evidence for a short query to count in full: about two rare words. */
  const evidenceNeeded = 2 * unknownIdf;

  function coverage(phrase: Phrase, query: Query): number {
    let matched = 0;
    for (const term of phrase.unigrams) if (query.unigrams.has(term)) matched += idf(term);
    for (const pair of phrase.bigrams) if (query.bigrams.has(pair)) matched += pairIdf(pair);
    return phrase.weight === 0 ? 0 : matched / phrase.weight;
  }

  /**
   * How much of a short query these terms explain, times how strong the shared evidence is.
   * Words no runbook uses at all ("I", "got", "발생") count half: no runbook can explain them.
   */
  function explained(terms: ReadonlySet<string>, query: Query): number {
    let shared = 0;
    let all = 0;
    for (const term of query.unigrams) {
      const known = documentFrequency.has(term);
      const weight = known ? idf(term) : unknownIdf / 2;
      all += weight;
      if (terms.has(term)) shared += weight;
    }
    if (all === 0) return 0;
    return (shared / all) * Math.min(1, shared / evidenceNeeded) * 0.9;
  }

  function match(text: string, options: MatchOptions = {}): Match[] {
    const limit = options.limit ?? 3;
    const minScore = options.minScore ?? MIN_SCORE;
    const lines: { index: number; unigrams: string[]; bigrams: string[] }[] = [];
    let whole: Query | undefined;
    let previousKey = '';
    const inputLines = normalize(text).split('\n');
    const shortInput = inputLines.filter((line) => line.trim() !== '').length <= SHORT_LINES;
    inputLines.forEach((line, index) => {
      const tokens = tokenize(line);
      const relevant = tokens.filter((token) => vocabulary.has(token));
      if (relevant.length === 0) return;
      const key = relevant.join(' ');
      if (key === previousKey) return; // a log repeats itself; one copy is enough
      previousKey = key;
      lines.push({ index, unigrams: relevant, bigrams: bigrams(tokens).filter((pair) => phraseBigrams.has(pair)) });
      if (shortInput) {
        whole ??= { unigrams: new Set(), bigrams: new Set() };
        for (const token of tokens) whole.unigrams.add(token);
        for (const pair of bigrams(tokens)) whole.bigrams.add(pair);
      }
    });

    const best = new Float64Array(phrases.length);
    // Windows of WINDOW input lines every STEP lines; only windows holding a relevant line count.
    const starts = new Set<number>();
    for (const line of lines) {
      const base = Math.floor(line.index / STEP) * STEP;
      for (let start = base; start > line.index - WINDOW; start -= STEP) if (start >= 0) starts.add(start);
    }
    let first = 0;
    for (const start of [...starts].sort((a, b) => a - b)) {
      while (first < lines.length && (lines[first]?.index ?? 0) < start) first += 1;
      const query: Query = { unigrams: new Set(), bigrams: new Set() };
      for (let i = first; i < lines.length; i += 1) {
        const line = lines[i];
        if (line === undefined || line.index >= start + WINDOW) break;
        for (const token of line.unigrams) query.unigrams.add(token);
        for (const pair of line.bigrams) query.bigrams.add(pair);
      }
      phrases.forEach((phrase, index) => {
        const score = coverage(phrase, query);
        if (score > (best[index] ?? 0)) best[index] = score;
      });
    }
    if (whole !== undefined) {
      const query = whole;
      phrases.forEach((phrase, index) => {
        const score = explained(phrase.unigrams, query);
        if (score > (best[index] ?? 0)) best[index] = score;
      });
    }

    const perDoc = docs.map(() => ({ first: 0, second: 0, phrase: -1, phraseScore: -1 }));
    const offer = (entry: { first: number; second: number }, score: number): void => {
      if (score > entry.first) {
        entry.second = entry.first;
        entry.first = score;
      } else if (score > entry.second) {
        entry.second = score;
      }
    };
    phrases.forEach((phrase, index) => {
      const entry = perDoc[phrase.doc];
      if (entry === undefined) return;
      const score = (best[index] ?? 0) * KIND_WEIGHT[phrase.kind];
      offer(entry, score);
      if (score > entry.phraseScore) {
        entry.phraseScore = score;
        entry.phrase = index;
      }
    });
    if (whole !== undefined) {
      // A short description ("vagrant up 실행 시 세션 중단") may be explained by a runbook as a
      // whole (a word from the title, another from a symptom) better than by any one phrase.
      const query = whole;
      perDoc.forEach((entry, index) => {
        offer(entry, explained(docTerms[index] ?? new Set(), query) * KIND_WEIGHT.symptom);
      });
    }
    const results: Match[] = [];
    perDoc.forEach((entry, index) => {
      const doc = docs[index];
      const phrase = phrases[entry.phrase];
      if (doc === undefined || phrase === undefined) return;
      const score = 0.9 * entry.first + 0.1 * entry.second;
      if (score < minScore) return;
      results.push({
        id: doc.id,
        score: Math.round(score * 1000) / 1000,
        matched: { kind: phrase.kind, text: phrase.text },
      });
    });
    results.sort((a, b) => b.score - a.score || a.id.localeCompare(b.id));
    return results.slice(0, limit);
  }

  return { docs, match };
}
