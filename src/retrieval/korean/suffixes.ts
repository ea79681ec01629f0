/**
 * Suffix tables for src/retrieval/korean/stem.ts: particles (조사) and endings (어미) that a Korean word
 * carries after its stem, with the conditions under which stripping them is safe.
 */

/** What the stem in front of a suffix must end with. */
export type After =
  /** anything */
  | 'any'
  /** a syllable with a final consonant (받침), or a non-Hangul character: 이, 을, 은, 과, 으로 */
  | 'batchim'
  /** a syllable without a final consonant, or a non-Hangul character: 가, 를, 와 */
  | 'vowel'
  /** no final consonant or final ㄹ, or a non-Hangul character: 로 (파일로, 서버로) */
  | 'vowel-or-rieul';

export interface Suffix {
  text: string;
  after: After;
  /** Minimum length of an all-Hangul stem, in syllables. A stem ending in Latin letters or digits
   * (kubectl이, 8080에) always qualifies. */
  minSyllables: number;
}

function suffixes(after: After, minSyllables: number, list: string): Suffix[] {
  return list
    .split(/\s+/u)
    .filter((text) => text.length > 0)
    .map((text) => ({ text, after, minSyllables }));
}

/**
 * Particles and particle chains. Endings that start with 이 (이나, 이라는, 이다 ...) follow a final
 * consonant; their vowel-final twins (나, 라는, 다) are left out where they are also the last
 * syllable of common nouns (화면, 측면, 바다).
 */
const PARTICLES: Suffix[] = [
  ...suffixes(
    'any',
    1,
    `에서부터 으로부터 로부터 에서는 에서도 에서의 에서만 에게서 에게는 에게도 까지는 까지도 까지의
     부터는 부터도 에서 에게 에는 에도 에의 에만 까지 부터 한테 처럼 보다 마다 조차 마저 밖에 만큼
     하고 이랑 에 께서 라는 라고 라도 인데 인데도 인지 였다 였고 였던 였는데 였습니다 예요 입니다
     이에요 이었다 이었고 이었던 이었는데 이었습니다 이지만 이므로 이어서 이라서`,
  ),
  ...suffixes('batchim', 1, `이나 이라 이란 이라는 이라고 이라도 이며 이고 이면 이든 이든지 이다 이야 을 은 이`),
  ...suffixes('batchim', 1, `으로는 으로도 으로의 으로만 으로서 으로써 으로`),
  ...suffixes('batchim', 2, `과는 과의 과도 과`),
  ...suffixes('vowel', 1, `를 와는 와의 와도 랑`),
  ...suffixes('vowel', 2, `가 와`),
  ...suffixes('vowel-or-rieul', 1, `로는 로도 로의 로만 로서 로써`),
  ...suffixes('vowel-or-rieul', 2, `로`),
  ...suffixes('any', 2, `의 도 만`),
];

/**
 * Verb endings. 하다/되다/시키다 verbs made from a noun (실행하다, 만료되다, 초기화시키다) are the
 * common shape of technical Korean; one-syllable endings (한, 할, 함, 해, 된, 될, 됨, 돼) need a
 * two-syllable stem so that 권한, 역할, 포함, 이해 stay whole. Endings of other verbs are listed
 * where they do not end common nouns: 는 (particle after a vowel, verb ending after a consonant:
 * 없는), 어서/었다/습니다 ... after any stem, 면 and 고 only after two syllables (화면, 경고).
 */
const VERB_ENDINGS: Suffix[] = [
  ...suffixes(
    'any',
    1,
    `하다 한다 합니다 했다 했습니다 하였다 하였습니다 하는 하면 하면서 하며 하여 해서 해도 해야 했는데
     하는데 하지 하지만 하므로 하기 하기가 하기는 하려면 하려고 하니 하니까 해요 했어요 했을 하게 하도록
     했고 했지만 하던 했던 하세요 하십시오 합시다 해라 한다면 했으면 할때 할수 해줘 해주세요
     되다 된다 됩니다 됐다 되었다 됐습니다 되었습니다 되는 되면 되면서 되며 되고 되어 되어서 돼서
     되어도 돼도 되어야 돼야 됐는데 되었는데 되는데 되지 되지만 되기 되려면 되니 되니까 돼요 됐어요
     됐을 되었을 되게 되도록 됐고 되었고 되던 됐던 되었던 되므로 된다면 됐으면
     시키다 시킨다 시킵니다 시켰다 시키는 시키면 시켜 시켜서 시켰는데 시키지 시키고 시킨
     어서 아서 었다 았다 었고 았고 었는데 았는데 었지만 았지만 었을 았을 었던 았던 었으면 았으면
     었습니다 았습니다 었는지 았는지 어도 아도 어야 아야 어요 아요 으면 으니까 니까 으므로 므로
     는데 는지 는다 지만 습니다 다가 으려고 으려면 려고 려면 도록 거나 더라도 는`,
  ),
  ...suffixes('any', 2, `한 할 함 해 하 된 될 됨 돼 되 했음 됐음 되었음 고`),
  ...suffixes('vowel', 2, `면`),
];

const ALL = [...PARTICLES, ...VERB_ENDINGS];
const byLengthDesc = (a: Suffix, b: Suffix): number => b.text.length - a.text.length;

/** Suffixes of two or more syllables, longest first: tried before the verb contractions. */
export const LONG_SUFFIXES: readonly Suffix[] = ALL.filter((s) => s.text.length >= 2).sort(byLengthDesc);
/** One-syllable suffixes: tried last, because 고/도/서 also end contracted verbs (사라졌고). */
export const SHORT_SUFFIXES: readonly Suffix[] = ALL.filter((s) => s.text.length === 1);

/** Adverbs that end in a particle-like syllable but are whole words: 제대로 is not 제대 + 로. */
export const WHOLE_WORDS: ReadonlySet<string> = new Set([
  '그대로',
  '제대로',
  '스스로',
  '곧바로',
  '바로',
  '새로',
  '서로',
  '별로',
  '절대로',
  '마음대로',
]);
