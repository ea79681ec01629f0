/** Hangul syllable arithmetic (Unicode composes each syllable from initial, vowel and final jamo). */

const FIRST = 0xac00;
const LAST = 0xd7a3;
const VOWELS = 21;
const FINALS = 28;

export const FINAL = { none: 0, nieun: 4, rieul: 8, mieum: 16, bieup: 17, ssangsiot: 20 } as const;
export const VOWEL = { wa: 9, eo: 4, yeo: 6, o: 8, wo: 14, u: 13, i: 20, eu: 18 } as const;

export interface Jamo {
  initial: number;
  vowel: number;
  final: number;
}

export function isSyllable(ch: string | undefined): ch is string {
  if (ch === undefined) return false;
  const code = ch.codePointAt(0) ?? 0;
  return code >= FIRST && code <= LAST;
}

export function decompose(ch: string): Jamo {
  const index = (ch.codePointAt(0) ?? FIRST) - FIRST;
  return {
    initial: Math.floor(index / (VOWELS * FINALS)),
    vowel: Math.floor(index / FINALS) % VOWELS,
    final: index % FINALS,
  };
}

export function compose({ initial, vowel, final }: Jamo): string {
  return String.fromCodePoint(FIRST + (initial * VOWELS + vowel) * FINALS + final);
}

/** The syllable without its final consonant: 김 -> 기, 진 -> 지. */
export function withoutFinal(ch: string): string {
  return compose({ ...decompose(ch), final: FINAL.none });
}
