/**
 * Tokens and bigrams from normalised text. Pure and browser-safe.
 *
 * - Words are runs of letters, digits and underscores; `ns_error_failure` stays one token and also
 *   yields its parts, so "update cache" meets `update_cache`.
 * - A light suffix rule folds "refused"/"refuse", "timeouts"/"timeout".
 * - Korean keeps particles attached to the word (서버를, 서버에): a Hangul word yields its stem
 *   from the rule-based stemmer the site search uses (korean/stem.ts), so 서버를 and 서버에 both
 *   become 서버. One strategy for search, paste box and `explain`: on the Korean prose corpus the
 *   stemmer ranked more descriptions first than character bigrams (see src/retrieval/prose.ts).
 */
import { stemKoreanWord } from './korean/stem';

const STOPWORDS: ReadonlySet<string> = new Set([
  'the',
  'an',
  'and',
  'or',
  'of',
  'to',
  'in',
  'on',
  'at',
  'for',
  'is',
  'are',
  'was',
  'were',
  'be',
  'been',
  'by',
  'with',
  'as',
  'it',
  'its',
  'this',
  'that',
  'from',
  'into',
  'you',
  'your',
  'we',
  'my',
  'me',
  'please',
  'when',
  'then',
  'than',
  'do',
  'does',
  'did',
  'have',
  'has',
  'had',
  'can',
  'will',
  'would',
  'should',
  'there',
  'here',
  'some',
  'any',
  // directory names that only say "this is a path": /var/lib/..., /usr/local/bin/..., /proc/sys/...
  'var',
  'lib',
  'usr',
  'bin',
  'sbin',
  'etc',
  'opt',
  'tmp',
  'share',
  'home',
  'user',
  'users',
  'dev',
  'proc',
  'sys',
  'mnt',
  'srv',
]);

/** A version as normalize() writes it (v1_30): one word, never split into its parts. */
const VERSION_WORD = /^v\d+_\d+$/;
const HANGUL = /[\u1100-\u11ff\u3130-\u318f\uac00-\ud7af]/;
const WORD = /[\p{L}\p{N}_]+/gu;
/** Splits a word where the script changes between Hangul and the rest ("kubectl이" -> kubectl, 이). */
const SCRIPT_RUN = /[\u1100-\u11ff\u3130-\u318f\uac00-\ud7af]+|[^\u1100-\u11ff\u3130-\u318f\uac00-\ud7af]+/g;
/** Chinese characters and Japanese kana, written without spaces around Latin words. */
const CJK_CLASS = '\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}\\u30fc';
const CJK = new RegExp(`[${CJK_CLASS}]`, 'u');
const CJK_RUN = new RegExp(`[${CJK_CLASS}]+|[^${CJK_CLASS}]+`, 'gu');

/**
 * "overlapp" (overlapped) -> "overlap", as "overlaps": a consonant doubled before -ed, not l, s or z. Not
 * before -ing: "shutting" would then meet every "shut down" (measured: a false partial signature).
 */
function undouble(word: string): string {
  const last = word[word.length - 1] ?? '';
  return word.length > 4 && last === word[word.length - 2] && /[b-df-hj-km-np-rtv-y]/.test(last)
    ? word.slice(0, -1)
    : word;
}

function stem(word: string): string {
  if (word.length <= 4 || /\d/.test(word)) return word;
  let out = word;
  if (out.endsWith('ing') && out.length > 6) out = out.slice(0, -3);
  else if (out.endsWith('ed') && out.length > 5) out = undouble(out.slice(0, -2));
  else if (out.endsWith('es') && out.length > 5) out = out.slice(0, -2);
  else if (out.endsWith('s') && !out.endsWith('ss') && !out.endsWith('us')) out = out.slice(0, -1);
  return out.length > 4 && out.endsWith('e') ? out.slice(0, -1) : out;
}

function pushLatin(word: string, out: string[]): void {
  if (word.length < 2 || STOPWORDS.has(word)) return;
  if (VERSION_WORD.test(word)) {
    out.push(word);
    return;
  }
  if (word.includes('_')) {
    const parts = word.split('_').filter((part) => part.length >= 2 && !STOPWORDS.has(part));
    const whole = word.replace(/^_+|_+$/g, '');
    if (whole.length >= 2) out.push(whole);
    for (const part of parts) if (part !== whole) out.push(stem(part));
    return;
  }
  out.push(stem(word));
}

/** Stems already computed: the same particles and words recur in every runbook and paste. */
const stems = new Map<string, string>();

function stemOf(word: string): string {
  let stem = stems.get(word);
  if (stem === undefined) {
    stem = stemKoreanWord(word);
    if (stems.size < 50_000) stems.set(word, stem);
  }
  return stem;
}

function pushHangul(word: string, out: string[]): void {
  const stem = stemOf(word);
  if (stem.length > 0) out.push(stem);
}

/** Tokens of one normalised line, in order (order matters for bigrams). */
export function tokenize(normalized: string): string[] {
  const out: string[] = [];
  for (const match of normalized.matchAll(WORD)) {
    const word = match[0];
    // Chinese and Japanese glue Latin words to their sentence ("cgroup不匹配启动kubelet报错"): the
    // Latin words count on their own, each run of CJK characters is one token as before.
    if (CJK.test(word) && !HANGUL.test(word)) {
      for (const run of word.matchAll(CJK_RUN)) pushLatin(run[0], out);
      continue;
    }
    if (!HANGUL.test(word)) {
      pushLatin(word, out);
      continue;
    }
    // A particle glued to an English word (kubectl이, init은) goes with the stem.
    for (const run of stemOf(word).matchAll(SCRIPT_RUN)) {
      if (HANGUL.test(run[0])) pushHangul(run[0], out);
      else pushLatin(run[0], out);
    }
  }
  return out;
}

/** Adjacent token pairs, joined by a space. */
export function bigrams(tokens: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i + 1 < tokens.length; i += 1) out.push(`${tokens[i]} ${tokens[i + 1]}`);
  return out;
}
