/**
 * Verb forms whose ending merges into the stem's last syllable, for src/retrieval/korean/stem.ts.
 * Suffix tables cannot strip these, because the ending is a final consonant or a vowel change
 * inside a syllable: 사라짐, 사라진다, 사라집니다, 사라졌다 all come from 사라지다. Each rule
 * restores the verb stem (사라지), so every form meets on one word.
 *
 * Nominal ㅁ, adnominal ㄴ/ㄹ only apply after the syllables that end most verb stems in this
 * domain (끊기다, 사라지다, 잘리다, 막히다, 멈추다, 바뀌다, 고치다, 켜다/키다), so nouns such as
 * 시스템, 사람, 원인 and 설정 stay whole.
 */
import { compose, decompose, FINAL, isSyllable, VOWEL, withoutFinal } from './hangul';

/** Last syllables of verb stems after which a final ㅁ/ㄴ/ㄹ is an ending: 끊김, 끊긴, 끊길. */
const VERB_STEM_ENDS = new Set(['기', '지', '리', '히', '추', '뀌', '치', '키']);

/** Endings after a contracted 어/었 syllable: 사라졌다, 사라졌습니다, 끊겨서, 멈춰도. */
const AFTER_PAST = ['', '다', '습니다', '고', '는데', '지만', '으면', '던', '을', '어요', '음', '는지'];
const AFTER_CONTRACTION = ['서', '도', '야', '요'];

/** ㅇ, the silent initial: 여 = ㅇ+ㅕ. */
const INITIAL_IEUNG = 11;

/** Contracted vowels and the stem vowel they came from: 져 = 지+어, 춰 = 추+어, 봤 = 보+았. */
const CONTRACTED: ReadonlyMap<number, number> = new Map([
  [VOWEL.yeo, VOWEL.i],
  [VOWEL.wo, VOWEL.u],
  [VOWEL.wa, VOWEL.o],
]);

function syllables(word: string): string[] {
  return [...word];
}

/** 사라짐 -> 사라지, 없음 -> 없. */
function nominal(chars: string[]): string | undefined {
  const last = chars[chars.length - 1];
  if (chars.length < 2 || !isSyllable(last)) return undefined;
  const jamo = decompose(last);
  if (jamo.final !== FINAL.mieum) return undefined;
  const open = withoutFinal(last);
  const before = chars[chars.length - 2];
  if (open === '으') {
    // 음 after a consonant-final verb stem: 없음, 있음, 않음 (not 다음, 소음, 처음)
    return isSyllable(before) && decompose(before).final !== FINAL.none ? chars.slice(0, -1).join('') : undefined;
  }
  return VERB_STEM_ENDS.has(open) ? [...chars.slice(0, -1), open].join('') : undefined;
}

/** 사라진 / 사라질 -> 사라지 (adnominal), 사라진다 -> 사라지 (plain present). */
function adnominal(chars: string[]): string | undefined {
  let body = chars;
  let requireVerbEnd = true;
  if (chars.length >= 3 && chars[chars.length - 1] === '다') {
    body = chars.slice(0, -1);
    requireVerbEnd = false;
  }
  const last = body[body.length - 1];
  if (body.length < 2 || !isSyllable(last)) return undefined;
  // 는다 (찾는다, 않는다): the stem is everything before 는.
  if (!requireVerbEnd && last === '는') return body.length >= 2 ? body.slice(0, -1).join('') : undefined;
  const { final } = decompose(last);
  const isNieunDa = !requireVerbEnd && final === FINAL.nieun;
  const isAdnominal = requireVerbEnd && (final === FINAL.nieun || final === FINAL.rieul);
  if (!isNieunDa && !isAdnominal) return undefined;
  const open = withoutFinal(last);
  if (requireVerbEnd && !VERB_STEM_ENDS.has(open)) return undefined;
  return [...body.slice(0, -1), open].join('');
}

/** 사라집니다 -> 사라지. */
function formalPolite(chars: string[]): string | undefined {
  if (chars.length < 3 || chars.slice(-2).join('') !== '니다') return undefined;
  const last = chars[chars.length - 3];
  if (!isSyllable(last) || decompose(last).final !== FINAL.bieup) return undefined;
  return [...chars.slice(0, -3), withoutFinal(last)].join('');
}

/** 사라졌다 / 끊겨서 / 멈췄습니다 / 봤지만 -> 사라지 / 끊기 / 멈추 / 보; 하나여야 -> 하나. */
function contracted(chars: string[]): string | undefined {
  for (let cut = chars.length; cut >= 1; cut--) {
    const syllable = chars[cut - 1];
    const ending = chars.slice(cut).join('');
    if (!isSyllable(syllable)) continue;
    const jamo = decompose(syllable);
    const base = CONTRACTED.get(jamo.vowel);
    if (base === undefined) continue;
    const past = jamo.final === FINAL.ssangsiot && AFTER_PAST.includes(ending);
    // 와 (ㅘ) without the past marker is the particle 와/과 far more often than a verb: 서버와도.
    const plain =
      cut >= 2 && jamo.final === FINAL.none && jamo.vowel !== VOWEL.wa && AFTER_CONTRACTION.includes(ending);
    if (!past && !plain) continue;
    const before = chars.slice(0, cut - 1);
    // 여/였 after a vowel is the copula 이 contracted (하나여야, 문제였다): the noun is the stem.
    if (jamo.initial === INITIAL_IEUNG && jamo.vowel === VOWEL.yeo)
      return before.length > 0 ? before.join('') : undefined;
    return [...before, compose({ ...jamo, vowel: base, final: FINAL.none })].join('');
  }
  return undefined;
}

/** The verb stem of a conjugated form, or undefined when the word is not one of these forms. */
export function verbStem(word: string): string | undefined {
  const chars = syllables(word);
  return formalPolite(chars) ?? contracted(chars) ?? adnominal(chars) ?? nominal(chars);
}
