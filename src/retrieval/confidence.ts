/**
 * What a match's confidence means, in one place for `k8sdiag explain` and the site's paste box:
 * the numbers, the rule that turns evidence into a confidence, and the words shown for it.
 * Pure and browser-safe.
 *
 * Scale (fixed; it does not depend on how many runbooks exist):
 * - 0.60 .. 1.00 confident: a deciding signature of the runbook is in the input (coverage 0.8 .. 1);
 * - 0.15 .. 0.55 possibly related: supporting lines, symptoms or a description in words only, or a
 *   deciding signature that the input rules out (ruledOutBy, another command of the same tool);
 * - under 0.15: not shown.
 */
export const CONFIDENT_FROM = 0.6;
export const MIN_CONFIDENCE = 0.15;
/** The highest confidence evidence short of a deciding signature can reach. */
export const WEAK_CEILING = 0.55;
/** Coverage of a deciding signature from which it decides. */
const DECIDES = 0.8;

export interface Evidence {
  /** Best coverage of a deciding signature, 0..1. */
  decides: number;
  /** Best weak evidence, 0..1 (already scaled by its kind). */
  weak: number;
  ruledOut: boolean;
  /** An undecidedBy line: the same error has other common causes here; at most "possibly related". */
  undecided?: boolean;
  contextMismatch: boolean;
}

export function confidenceFor(evidence: Evidence): number {
  let confidence =
    evidence.decides >= DECIDES
      ? CONFIDENT_FROM + ((1 - CONFIDENT_FROM) * (evidence.decides - DECIDES)) / (1 - DECIDES)
      : Math.min(WEAK_CEILING, Math.max(evidence.weak, 0));
  if (evidence.undecided === true) confidence = Math.min(confidence, WEAK_CEILING);
  if (evidence.ruledOut) confidence = Math.min(confidence, 0.3);
  if (evidence.contextMismatch) confidence = Math.min(confidence, 0.4);
  return Math.round(confidence * 1000) / 1000;
}

export function isConfident(confidence: number): boolean {
  return confidence >= CONFIDENT_FROM;
}

/** The words for confidence levels, shared by the CLI and the site. */
export const CONFIDENCE_WORDS = {
  en: {
    confidence: 'confidence',
    possibly: 'possibly related',
    possiblyHeading: 'Not a confident match. Possibly related:',
    tie: 'tied with another runbook: the order means nothing',
    yourLine: 'Your line',
    ruledOut: 'but this line rules it out',
    undecided: 'not sure: with this line the same error has other common causes',
  },
  ko: {
    confidence: '신뢰도',
    possibly: '관련 가능성 있음',
    possiblyHeading: '확실히 일치하는 런북은 없다. 관련 가능성이 있는 런북:',
    tie: '다른 런북과 동점이다. 순서에는 의미가 없다',
    yourLine: '입력한 줄',
    ruledOut: '하지만 이 줄 때문에 이 런북은 제외된다',
    undecided: '확실하지 않다: 이 줄이 있으면 같은 오류에 다른 흔한 원인도 있다',
  },
} as const satisfies Record<'en' | 'ko', Record<string, string>>;
