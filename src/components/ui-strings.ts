/** Words the site's own components print, in both languages. */
import type { SiteLang } from '../site/lang';

export const UI = {
  en: {
    overview: 'Overview',
    runbooksHere: 'Runbooks for this step',
    errorMessages: 'Exact error messages',
    noRunbooks: 'No runbook in this layer yet.',
  },
  ko: {
    overview: '개요',
    runbooksHere: '이 단계에서 자주 걸리는 문제',
    errorMessages: '실제 오류 메시지',
    noRunbooks: '이 계층에는 아직 런북이 없다.',
  },
} as const satisfies Record<SiteLang, Record<string, string>>;
