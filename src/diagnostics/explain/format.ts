/**
 * Renders explanations for a terminal (text) or a program (JSON). Pure: colours come in as
 * picocolors formatters, already enabled or disabled by the edge.
 */
import type { Colors } from 'picocolors/types';
import type { Lang } from '../knowledge/runbooks';
import type { Explanation } from './explain';
import { WEAK_BELOW } from '../../retrieval/matcher';

const WORDS = {
  en: {
    cause: 'Cause',
    fix: 'Fix',
    runbook: 'Runbook',
    matched: 'Matched',
    score: 'score',
    kinds: { signature: 'signature', symptom: 'symptom', title: 'title', cause: 'cause' },
    weak: 'weak match',
    none: 'No runbook matches this text.',
    hint: 'Paste the exact error line (with its file paths and addresses), or search the runbooks at',
  },
  ko: {
    cause: '원인',
    fix: '해결',
    runbook: '런북',
    matched: '일치',
    score: '점수',
    kinds: { signature: '오류 메시지', symptom: '증상', title: '제목', cause: '원인' },
    weak: '약한 일치',
    none: '이 텍스트와 일치하는 런북이 없습니다.',
    hint: '오류 줄을 경로와 주소까지 그대로 붙여 넣거나, 다음 사이트에서 런북을 검색하세요:',
  },
} as const;

export function formatExplanationsText(
  explanations: readonly Explanation[],
  lang: Lang,
  colors: Colors,
  docsUrl: string,
): string {
  const words = WORDS[lang];
  if (explanations.length === 0) return `${words.none}\n${words.hint} ${docsUrl}\n`;
  const blocks = explanations.map((item, index) => {
    const lines = [
      `${colors.bold(`${index + 1}. ${item.title}`)}  ${colors.dim(
        `(${item.id}, ${words.score} ${item.score.toFixed(2)}${item.score < WEAK_BELOW ? `, ${words.weak}` : ''})`,
      )}`,
      `   ${colors.bold(`${words.cause}:`)} ${item.cause}`,
      `   ${colors.dim(`${words.matched} ${words.kinds[item.matched.kind]}: ${item.matched.text}`)}`,
    ];
    if (item.fixCommands.length > 0) {
      lines.push(`   ${colors.bold(`${words.fix}:`)}`);
      for (const command of item.fixCommands) lines.push(`     ${colors.cyan(`$ ${command}`)}`);
    }
    lines.push(`   ${colors.bold(`${words.runbook}:`)} ${colors.underline(item.url)}`);
    return lines.join('\n');
  });
  return `${blocks.join('\n\n')}\n`;
}

export function formatExplanationsJson(explanations: readonly Explanation[], lang: Lang): string {
  return `${JSON.stringify({ lang, matches: explanations }, null, 2)}\n`;
}
