/**
 * Renders explanations for a terminal (text) or a program (JSON). Pure: colours come in as
 * picocolors formatters, already enabled or disabled by the edge.
 *
 * A confident answer shows cause, fix commands and the runbook. When only weak candidates exist
 * they are listed under "possibly related" with the line of the user's input that matched,
 * without fix commands. The confidence words come from src/retrieval/confidence.ts, which the
 * site's paste box uses too.
 */
import type { Colors } from 'picocolors/types';
import { CONFIDENCE_WORDS } from '../../retrieval/confidence';
import type { Lang } from '../runbooks/runbooks';
import type { Explanation } from './explain';

const WORDS = {
  en: {
    cause: 'Cause',
    fix: 'Fix',
    runbook: 'Runbook',
    matched: 'Matched',
    kinds: {
      signature: 'error message',
      supports: 'supporting line',
      symptom: 'symptom',
      title: 'title',
      cause: 'cause',
      description: 'description',
      prose: 'description in words',
    },
    none: 'No runbook matches this text.',
    hint: 'Paste the exact error line (with its file paths and addresses), or search the runbooks at',
  },
  ko: {
    cause: '원인',
    fix: '해결',
    runbook: '런북',
    matched: '일치',
    kinds: {
      signature: '오류 메시지',
      supports: '보조 줄',
      symptom: '증상',
      title: '제목',
      cause: '원인',
      description: '설명',
      prose: '문장 설명',
    },
    none: '이 텍스트와 일치하는 런북이 없다.',
    hint: '오류 줄을 경로와 주소까지 그대로 붙여 넣거나, 다음 사이트에서 런북을 검색한다:',
  },
} as const;

export function formatExplanationsText(
  explanations: readonly Explanation[],
  lang: Lang,
  colors: Colors,
  docsUrl: string,
): string {
  const words = WORDS[lang];
  const level = CONFIDENCE_WORDS[lang];
  if (explanations.length === 0) return `${words.none}\n${words.hint} ${docsUrl}\n`;
  const confident = explanations.filter((item) => !item.weak);
  const weak = explanations.filter((item) => item.weak);
  const block = (item: Explanation, index: number): string => {
    const tags = [`${level.confidence} ${item.confidence.toFixed(2)}`];
    if (item.weak) tags.push(level.possibly);
    const lines = [`${colors.bold(`${index + 1}. ${item.title}`)}  ${colors.dim(`(${item.id}, ${tags.join(', ')})`)}`];
    if (item.tie) lines.push(`   ${colors.yellow(level.tie)}`);
    if (!item.weak) lines.push(`   ${colors.bold(`${words.cause}:`)} ${item.cause}`);
    if (item.matched.line !== '') {
      lines.push(`   ${colors.dim(`${level.yourLine} (${words.kinds[item.matched.kind]}):`)} ${item.matched.line}`);
    }
    if (item.ruledOutBy !== undefined) lines.push(`   ${colors.dim(`${level.ruledOut}:`)} ${item.ruledOutBy}`);
    if (item.undecidedBy !== undefined) lines.push(`   ${colors.dim(`${level.undecided}:`)} ${item.undecidedBy}`);
    if (item.fixCommands.length > 0) {
      lines.push(`   ${colors.bold(`${words.fix}:`)}`);
      for (const command of item.fixCommands) lines.push(`     ${colors.cyan(`$ ${command}`)}`);
    }
    lines.push(`   ${colors.bold(`${words.runbook}:`)} ${colors.underline(item.url)}`);
    return lines.join('\n');
  };
  const parts: string[] = [];
  if (confident.length > 0) parts.push(confident.map(block).join('\n\n'));
  if (weak.length > 0) {
    const heading = confident.length === 0 ? level.possiblyHeading : `${level.possibly}:`;
    parts.push(`${colors.bold(heading)}\n${weak.map((item, i) => block(item, confident.length + i)).join('\n\n')}`);
  }
  return `${parts.join('\n\n')}\n`;
}

export function formatExplanationsJson(explanations: readonly Explanation[], lang: Lang): string {
  return `${JSON.stringify({ lang, matches: explanations }, null, 2)}\n`;
}
