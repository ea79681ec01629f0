/** The words the search dialog adds to Pagefind's UI, per site language. */
import type { SiteLang } from '../site/lang';

export interface SearchStrings {
  /** Before the list of words the results were found without. */
  without: string;
  /** Before "typed → searched" pairs. */
  replaced: string;
  /** Heading of the explain matcher's answer. */
  explain: string;
  confident: string;
  weak: string;
  score: string;
}

export const SEARCH_STRINGS: Record<SiteLang, SearchStrings> = {
  en: {
    without: 'Searched without:',
    replaced: 'Searched instead:',
    explain: 'This looks like an error message. Best match:',
    confident: 'confident match',
    weak: 'weak match',
    score: 'score',
  },
  ko: {
    without: '다음 단어 없이 검색함:',
    replaced: '대신 검색한 단어:',
    explain: '오류 메시지로 보인다. 가장 잘 맞는 런북:',
    confident: '확실한 일치',
    weak: '약한 일치',
    score: '점수',
  },
};
