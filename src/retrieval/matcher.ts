/**
 * Which runbooks does a pasted error, a long log or a description in words point to, and how sure
 * is that? Pure and browser-safe: `k8sdiag explain` and the site's paste box run this same code.
 *
 * Evidence, strongest first (the runbook's frontmatter says which line is which):
 * - a deciding signature (`signatures`) found in the input: coverage of its words, weighted by
 *   src/retrieval/weights.ts, in a window of a few input lines; its anchors (ports, versions, result
 *   codes) must be there too. Coverage >= DECIDES gives a confident answer;
 * - supporting lines (`supports`; a `/regex/` one reads the whole input and counts as a line covered in
 *   full), symptoms, title, cause, description: never confident alone;
 * - a description in words: the terms of src/retrieval/prose.ts (glossary + Korean stems) shared with
 *   the runbook; weaker than any error line, never confident alone. A short input is always read so; a
 *   long one (a note or an issue thread that quotes logs) only when none of its lines is evidence for
 *   any runbook, so its words can give an answer where there was none but never reorder answers
 *   that error lines found; and only its first PROSE_CHARS characters.
 * A `ruledOutBy` line in the input, or a command of the same tool other than the runbook's
 * `context` (`kubeadm init` for a `kubeadm join` runbook), caps the runbook to a weak candidate; so
 * does an `undecidedBy` line (the same error with other common causes there); their `/regex/` entries
 * read the whole input (what a pattern says is absent is absent from the paste). A runbook with
 * `hosts` gets no deciding signature from input lines whose URLs name only other hosts (apt's "Hit:"
 * and "Get:" lines, repositories that answered, name no host an error is about).
 *
 * Confidence (see confidence.ts) depends only on the input and on that runbook's own phrases,
 * never on how many runbooks exist, so adding runbooks does not move what a level means.
 */
import { CONFIDENT_FROM, confidenceFor, MIN_CONFIDENCE } from './confidence';
import { type IndexedPhrase, indexDocs, type MatchDoc, type MatcherIndex, type PhraseKind } from './matcher-index';
import { normalize } from './normalize';
import { compilePattern, errorHosts, hostIn } from './pattern-lines';
import { proseTerms } from './prose';
import { bigrams, tokenize } from './tokenize';
import { isAnchor, pairWeight, termWeight } from './weights';

export type { MatchDoc, MatcherIndex, PhraseKind } from './matcher-index';
export { indexDocs } from './matcher-index';

export interface Match {
  id: string;
  /** 0..1; CONFIDENT_FROM and above is a confident answer. */
  confidence: number;
  /** True when the answer is only "possibly related". */
  weak: boolean;
  /** Same as confidence, kept for older readers. */
  score: number;
  matched: {
    kind: PhraseKind;
    /** The runbook's phrase that matched best, as written in the frontmatter. */
    text: string;
    /** The line of the user's input that matched it (trimmed, at most 200 characters). */
    line: string;
  };
  /** The user's line that ruled this runbook out, if one did. */
  ruledOutBy?: string;
  /** The user's line that leaves this runbook's signatures undecided (other common causes), if one did. */
  undecidedBy?: string;
  /** Another runbook has the same confidence: the order between them means nothing. */
  tie: boolean;
}

export interface MatchOptions {
  /** Default 3. */
  limit?: number;
  /** Results below this confidence are dropped. Default MIN_CONFIDENCE. */
  minConfidence?: number;
}

/** Coverage of a deciding signature from which it decides alone (as in confidence.ts). */
const DECIDES = 0.8;
/** Coverage of a ruledOutBy line from which it rules the runbook out. */
const RULES_OUT = 0.85;
/** The most a deciding signature counts where the input names only other hosts: short of deciding. */
const UNDECIDED = DECIDES - 0.01;
const WINDOW = 6;
const STEP = 3;
/** Input of at most this many non-blank lines is also read as a description in words. */
const SHORT_LINES = 8;
/**
 * Of a longer input read as a description, at most this many characters (whole lines, from the
 * start): reading a description costs about 0.3 ms per 1000 characters, so a pasted journal of
 * thousands of lines stays fast (every corpus text is shorter).
 */
const PROSE_CHARS = 8000;
const TIE = 0.005;
/** Weight (weights.ts) a phrase needs to count in full: about two specific words and their pair. */
const SOLID_WEIGHT = 3;
/** Coverage under which a phrase is no evidence at all. */
const PARTIAL = 0.4;
/** The most a phrase counts when none of its word pairs is in the input: under PARTIAL. */
const SCATTERED = PARTIAL * 0.99;
/** Weak evidence of a supporting line covered in full (below: a supports phrase scores 0.55 of its coverage). */
const SUPPORTS_WEAK = 0.55;
/**
 * The subcommands that name what produced a log. A runbook with `context: [kubeadm join]` is ruled
 * out for a log that names `kubeadm init` (and not `kubeadm join`); other words after the tool's
 * name ("kubeadm-config", "kubeadm token create") say nothing about it.
 */
const SUBCOMMANDS: Readonly<Record<string, readonly string[]>> = {
  kubeadm: ['init', 'join', 'reset', 'upgrade'],
  vagrant: ['up', 'provision', 'reload', 'ssh', 'halt', 'destroy', 'box'],
  kubectl: ['apply', 'get', 'describe', 'logs', 'exec'],
};

/** An indexed phrase with its terms weighted (weights.ts). */
interface Phrase {
  doc: number;
  kind: IndexedPhrase['kind'];
  text: string;
  unigrams: ReadonlySet<string>;
  /** Each unigram and bigram with its weight. */
  weighted: readonly (readonly [term: string, weight: number, pair: boolean])[];
  anchors: readonly string[];
  weight: number;
}

function weighPhrase(phrase: IndexedPhrase): Phrase {
  const unigrams = new Set(phrase.tokens);
  const pairs = new Set(bigrams(phrase.tokens));
  const weighted = [
    ...[...unigrams].map((term) => [term, termWeight(term), false] as const),
    ...[...pairs].map((pair) => [pair, pairWeight(pair), true] as const),
  ];
  return {
    doc: phrase.doc,
    kind: phrase.kind,
    text: phrase.text,
    unigrams,
    weighted,
    anchors: [...unigrams].filter(isAnchor),
    weight: weighted.reduce((sum, [, weight]) => sum + weight, 0),
  };
}

interface Line {
  index: number;
  raw: string;
  tokens: string[];
  bigrams: string[];
}

export interface Matcher {
  readonly ids: readonly string[];
  match(text: string, options?: MatchOptions): Match[];
}

/**
 * `docs` may hold several documents with the same id (one per language): they are one runbook,
 * so matching does not depend on the output language.
 */
export function buildMatcher(docs: readonly MatchDoc[]): Matcher {
  return matcherFromIndex(indexDocs(docs));
}

function splitLines(text: string): string[] {
  return text.split(/\r?\n/).flatMap((line) => (line.includes('\\n') ? line.split(/\\r\\n|\\n|\\r/) : [line]));
}

/**
 * A matcher over a prepared index (matcher-index.ts): `k8sdiag explain` gets the index built at
 * build time, so a CLI call does not tokenise every runbook phrase again.
 */
export function matcherFromIndex(index: MatcherIndex): Matcher {
  const groups = index.groups.map((group) => ({
    id: group.id,
    contexts: group.contexts,
    proseTerms: new Set(group.proseTerms),
    hosts: group.hosts,
    patterns: group.patterns.map((pattern) => ({ kind: pattern.kind, re: compilePattern(pattern.source) })),
  }));
  const phrases: Phrase[] = index.phrases.map(weighPhrase);
  const vocabulary = new Set<string>();
  /** token -> the phrases that hold it: a window only scores phrases it shares a word with. */
  const phrasesOf = new Map<string, number[]>();
  const phraseBigrams = new Set<string>();
  phrases.forEach((phrase, phraseIndex) => {
    for (const token of phrase.unigrams) {
      vocabulary.add(token);
      const list = phrasesOf.get(token) ?? [];
      list.push(phraseIndex);
      phrasesOf.set(token, list);
    }
    for (const [term, , pair] of phrase.weighted) if (pair) phraseBigrams.add(term);
  });

  // Prose: document frequency over runbooks ranks weak candidates only; it never reaches confidence.
  const documentFrequency = new Map<string, number>();
  for (const group of groups) {
    for (const term of group.proseTerms) documentFrequency.set(term, (documentFrequency.get(term) ?? 0) + 1);
  }
  const total = Math.max(groups.length, 1);
  const unknownIdf = Math.log(total + 1) + 0.1;
  const idf = (term: string): number => {
    const df = documentFrequency.get(term);
    return df === undefined ? unknownIdf : Math.log((total + 1) / df) + 0.1;
  };

  function describedBy(terms: ReadonlySet<string>, query: readonly string[]): number {
    let shared = 0;
    let all = 0;
    let words = 0;
    let concepts = 0;
    for (const term of query) {
      const weight = (documentFrequency.has(term) ? idf(term) : unknownIdf / 2) * Math.min(1, termWeight(term));
      all += weight;
      if (!terms.has(term) || termWeight(term) < 1) continue;
      shared += weight;
      if (term.startsWith('=')) concepts += 1;
      else words += 1;
    }
    // One shared word ("repository", "error") is a coincidence, not a description; a glossary
    // concept and its own word are one piece of evidence.
    if (all === 0 || Math.max(words, concepts) < 2) return 0;
    // Saturating in the shared evidence (a chatty description is not penalised for its length),
    // with a light penalty for the share of the description the runbook leaves unexplained.
    return (shared / (shared + 2 * unknownIdf)) * (0.5 + 0.5 * (shared / all));
  }

  /**
   * The share of a phrase's weight that the input holds. A phrase of several words none of whose adjacent
   * pairs is in the input shares scattered words with it ("expected" in a heading and "format" in a
   * sentence for "expected cgroupsPath to be of format"), not a line: under PARTIAL, so no evidence.
   */
  function coverage(phrase: Phrase, unigrams: ReadonlySet<string>, pairs: ReadonlySet<string>): number {
    let matched = 0;
    let hasPair = false;
    let pairMatched = false;
    for (const [term, weight, pair] of phrase.weighted) {
      if (pair) hasPair = true;
      if (!(pair ? pairs : unigrams).has(term)) continue;
      matched += weight;
      if (pair) pairMatched = true;
    }
    const share = phrase.weight === 0 ? 0 : matched / phrase.weight;
    return hasPair && !pairMatched ? Math.min(share, SCATTERED) : share;
  }

  function match(text: string, options: MatchOptions = {}): Match[] {
    const limit = options.limit ?? 3;
    const minConfidence = options.minConfidence ?? MIN_CONFIDENCE;
    const rawLines = splitLines(text);
    const lines: Line[] = [];
    let previousKey = '';
    let nonBlank = 0;
    /** Every adjacent pair of the input, for `context` (a command line may hold no runbook word). */
    const inputPairs = new Set<string>();
    rawLines.forEach((raw, index) => {
      if (raw.trim() === '') return;
      nonBlank += 1;
      const tokens = tokenize(normalize(raw));
      for (const pair of bigrams(tokens)) if (SUBCOMMANDS[pair.slice(0, pair.indexOf(' '))]) inputPairs.add(pair);
      const relevant = tokens.filter((token) => vocabulary.has(token));
      if (relevant.length === 0) return;
      const key = relevant.join(' ');
      if (key === previousKey) return; // a log repeats itself; one copy is enough
      previousKey = key;
      lines.push({ index, raw, tokens, bigrams: bigrams(tokens).filter((pair) => phraseBigrams.has(pair)) });
    });

    // Best coverage of every phrase over windows of WINDOW lines every STEP lines.
    const best = new Float64Array(phrases.length);
    /** Per runbook, the user's line that matched one of its `/regex/` entries, by kind. */
    const patternHits = groups.map(() => ({ 'rules-out': '', undecides: '', supports: '' }));
    /** Per runbook, its first `/regex/` supports entry that the input holds (found with its line, below). */
    const supportPatterns: (RegExp | undefined)[] = groups.map(() => undefined);
    const starts = new Set<number>();
    for (const line of lines) {
      const base = Math.floor(line.index / STEP) * STEP;
      for (let start = base; start > line.index - WINDOW; start -= STEP) if (start >= 0) starts.add(start);
    }
    // `/regex/` entries read the whole input, so a pattern that says what is absent ("no node address in
    // the range") means absent from the paste, not only from a few lines. The user's line shown for it: the
    // first line that matches alone, else the line where the match starts, else the first line with text.
    const whole = rawLines.join('\n');
    groups.forEach((group, groupIndex) => {
      const hits = patternHits[groupIndex];
      if (hits === undefined) return;
      for (const { kind, re } of group.patterns) {
        if (hits[kind] !== '') continue;
        const found = re.exec(whole);
        if (found === null) continue;
        const line =
          rawLines.find((raw) => re.test(raw)) ??
          [lineAt(whole, found.index), ...rawLines].find((raw) => raw.trim() !== '') ??
          '';
        hits[kind] = clip(line);
        if (kind === 'supports') supportPatterns[groupIndex] = re;
      }
    });
    let first = 0;
    for (const start of [...starts].sort((a, b) => a - b)) {
      while (first < lines.length && (lines[first]?.index ?? 0) < start) first += 1;
      const unigrams = new Set<string>();
      const pairs = new Set<string>();
      for (let i = first; i < lines.length; i += 1) {
        const line = lines[i];
        if (line === undefined || line.index >= start + WINDOW) break;
        for (const token of line.tokens) unigrams.add(token);
        for (const pair of line.bigrams) pairs.add(pair);
      }
      const windowRaw = rawLines.slice(start, start + WINDOW);
      const hosts = errorHosts(windowRaw);
      const candidates = new Set<number>();
      for (const token of unigrams) for (const index of phrasesOf.get(token) ?? []) candidates.add(index);
      for (const index of candidates) {
        const phrase = phrases[index] as Phrase;
        const own = groups[phrase.doc]?.hosts ?? [];
        // Lines that name only other hosts (a Docker repository's key error) are not this runbook's.
        const otherHosts =
          phrase.kind === 'signature' && own.length > 0 && hosts.length > 0 && !hosts.some((host) => hostIn(host, own));
        // A phrase of only common words ("for 'kubeadm' was not found") is little evidence, however
        // completely it is covered.
        let score = coverage(phrase, unigrams, pairs) * Math.min(1, phrase.weight / SOLID_WEIGHT);
        if (score > 0 && phrase.anchors.some((anchor) => !unigrams.has(anchor))) score *= 0.5;
        if (otherHosts) score = Math.min(score, UNDECIDED);
        if (score > (best[index] ?? 0)) best[index] = score;
      }
    }

    // A long input's words count only where its lines found nothing: they never compete with an
    // error line, so they cannot push down a weak answer that a line found.
    const lineEvidence =
      patternHits.some((hits) => hits.supports !== '') ||
      phrases.some(
        (phrase, index) => phrase.kind !== 'rules-out' && phrase.kind !== 'undecides' && (best[index] ?? 0) >= PARTIAL,
      );
    const proseLines = nonBlank <= SHORT_LINES ? rawLines : lineEvidence ? [] : firstChars(rawLines, PROSE_CHARS);
    const prose = proseLines.length > 0 ? proseTerms(proseLines.join('\n')) : [];
    let proseLineTerms: (readonly string[])[] | undefined;
    const termsPerLine = (): (readonly string[])[] => {
      proseLineTerms ??= proseLines.map((raw) => (raw.trim() === '' ? [] : proseTerms(raw)));
      return proseLineTerms;
    };

    const results: (Match & { rank: number })[] = [];
    groups.forEach((group, groupIndex) => {
      let decides = 0;
      let decider: Phrase | undefined;
      let weakEvidence = 0;
      let weakPhrase: Phrase | undefined;
      let ruledOut: Phrase | undefined;
      let undecided: Phrase | undefined;
      let secondary = 0;
      let specific = 0;
      phrases.forEach((phrase, index) => {
        if (phrase.doc !== groupIndex) return;
        const score = best[index] ?? 0;
        if (phrase.kind === 'rules-out') {
          if (score >= RULES_OUT) ruledOut = phrase;
          return;
        }
        if (phrase.kind === 'undecides') {
          if (score >= RULES_OUT) undecided = phrase;
          return;
        }
        secondary += score;
        if (phrase.kind === 'signature' && score > decides) {
          decides = score;
          decider = phrase;
        }
        // Under PARTIAL, a phrase shares a few words with the input, not its meaning.
        const weak =
          score < PARTIAL
            ? 0
            : score * (phrase.kind === 'signature' || phrase.kind === 'supports' ? SUPPORTS_WEAK : 0.45);
        if (weak > weakEvidence || (weak === weakEvidence && weak > 0 && phrase.weight > (weakPhrase?.weight ?? 0))) {
          weakEvidence = weak;
          weakPhrase = phrase;
        }
        // Of two runbooks with the same confidence, the one whose matched line says more ranks first.
        specific = Math.max(specific, score >= PARTIAL ? score * phrase.weight : 0);
      });
      // A `/regex/` supporting line in the input counts as a supporting line covered in full.
      const supportLine = patternHits[groupIndex]?.supports ?? '';
      const supportPattern = SUPPORTS_WEAK <= weakEvidence ? undefined : supportPatterns[groupIndex];
      if (supportPattern !== undefined) {
        weakEvidence = SUPPORTS_WEAK;
        weakPhrase = undefined;
        specific = Math.max(specific, SOLID_WEIGHT);
      }
      const described = prose.length > 0 ? describedBy(group.proseTerms, prose) : 0;
      const contextMismatch =
        group.contexts.length > 0 &&
        !group.contexts.some((c) => inputPairs.has(c.join(' '))) &&
        group.contexts.some(([tool]) =>
          (SUBCOMMANDS[tool ?? ''] ?? []).some((sub) => inputPairs.has(`${tool} ${sub}`)),
        );
      const confidence = confidenceFor({
        decides,
        // An error line that partly matches and a description in words are two pieces of
        // evidence: they add up (noisy-or), still capped under a confident answer (confidence.ts).
        weak: 1 - (1 - weakEvidence) * (1 - described * 0.5),
        ruledOut: ruledOut !== undefined || patternHits[groupIndex]?.['rules-out'] !== '',
        undecided: undecided !== undefined || patternHits[groupIndex]?.undecides !== '',
        contextMismatch,
      });
      if (confidence < minConfidence) return;
      const phrase = decides >= DECIDES ? decider : weakEvidence >= described * 0.5 ? weakPhrase : undefined;
      const byPattern = phrase === undefined && supportPattern !== undefined && weakEvidence >= described * 0.5;
      const userLine = byPattern
        ? supportLine
        : phrase === undefined
          ? bestProseLine(proseLines, termsPerLine(), group.proseTerms)
          : bestLine(lines, phrase);
      const result: Match & { rank: number } = {
        id: group.id,
        confidence,
        weak: confidence < CONFIDENT_FROM,
        score: confidence,
        matched: {
          kind: byPattern
            ? 'supports'
            : phrase?.kind === 'rules-out' || phrase?.kind === 'undecides' || phrase === undefined
              ? 'prose'
              : phrase.kind,
          text: byPattern ? `/${supportPattern?.source ?? ''}/` : (phrase?.text ?? ''),
          line: userLine,
        },
        tie: false,
        rank:
          confidence + (0.001 * specific) / (specific + 10) + 0.0005 * Math.min(secondary / 5, 1) + 0.001 * described,
      };
      const hits = patternHits[groupIndex];
      if (ruledOut !== undefined) result.ruledOutBy = bestLine(lines, ruledOut);
      else if (hits?.['rules-out']) result.ruledOutBy = hits['rules-out'];
      if (undecided !== undefined) result.undecidedBy = bestLine(lines, undecided);
      else if (hits?.undecides) result.undecidedBy = hits.undecides;
      results.push(result);
    });
    results.sort((a, b) => b.rank - a.rank || a.id.localeCompare(b.id));
    // Beside a confident answer, a runbook that only shares words with the text is noise.
    if (results[0] !== undefined && !results[0].weak) {
      for (let i = results.length - 1; i > 0; i -= 1) if (results[i]?.matched.kind === 'prose') results.splice(i, 1);
    }
    const top = results[0];
    const second = results[1];
    if (top !== undefined && second !== undefined && top.confidence - second.confidence < TIE) {
      for (const item of results) if (top.confidence - item.confidence < TIE) item.tie = true;
    }
    return results.slice(0, limit).map(({ rank: _rank, ...match }) => match);
  }

  return { ids: groups.map((group) => group.id), match };
}

/** The line of `text` that holds the character at `offset`. */
function lineAt(text: string, offset: number): string {
  const start = offset === 0 ? 0 : text.lastIndexOf('\n', offset - 1) + 1;
  const end = text.indexOf('\n', offset);
  return text.slice(start, end === -1 ? undefined : end);
}

function clip(line: string): string {
  const trimmed = line.trim();
  return trimmed.length > 200 ? `${trimmed.slice(0, 199)}…` : trimmed;
}

/** The input line sharing the most weight with a phrase. */
function bestLine(lines: readonly Line[], phrase: Phrase): string {
  let bestScore = 0;
  let found = '';
  for (const line of lines) {
    let score = 0;
    for (const token of new Set(line.tokens)) if (phrase.unigrams.has(token)) score += termWeight(token);
    if (score > bestScore) {
      bestScore = score;
      found = line.raw;
    }
  }
  return clip(found);
}

/** The first lines of an input, up to `limit` characters (at least one line). */
function firstChars(rawLines: readonly string[], limit: number): string[] {
  const out: string[] = [];
  let length = 0;
  for (const raw of rawLines) {
    if (out.length > 0 && length + raw.length > limit) break;
    out.push(raw);
    length += raw.length + 1;
  }
  return out;
}

/**
 * For a description: the input line sharing the most terms with the runbook (`lineTerms` holds
 * each line's prose terms, analysed once per input, not once per runbook).
 */
function bestProseLine(
  rawLines: readonly string[],
  lineTerms: readonly (readonly string[])[],
  terms: ReadonlySet<string>,
): string {
  let bestScore = 0;
  let found = '';
  rawLines.forEach((raw, index) => {
    const score = (lineTerms[index] ?? []).filter((term) => terms.has(term)).length;
    if (score > bestScore) {
      bestScore = score;
      found = raw;
    }
  });
  return clip(found);
}
