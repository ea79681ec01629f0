/**
 * Text reporter: one line per finding, `path:line:col  severity  rule-id  message`, then the
 * runbook link, then a summary. Colour only when the caller says the output is a terminal.
 * File content quoted in messages is untrusted: control characters are shown escaped.
 */
import pc from 'picocolors';
import type { LintReportInput } from './types';

/** C0 controls except tab and newline, DEL, C1 controls, and the Unicode line/paragraph separators. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029]/g;

/** Replaces terminal control characters (ESC, CR, BEL, C1 ...) with visible escapes. */
export function safeText(text: string): string {
  return text.replace(CONTROL, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

export function textReport(input: LintReportInput, options: { color: boolean }): string {
  const c = pc.createColors(options.color);
  const levels = { error: c.red('error'), warning: c.yellow('warning'), info: c.blue('info') } as const;
  const width = { error: 5, warning: 7, info: 4 } as const;
  const lines: string[] = [];
  for (const f of input.findings) {
    const where = `${safeText(f.path)}:${f.line}:${f.column}`;
    const level = levels[f.severity] + ' '.repeat(7 - width[f.severity]);
    lines.push(`${c.bold(where)}  ${level}  ${c.dim(f.ruleId)}  ${safeText(f.message)}`);
    lines.push(`  ${c.dim('runbook:')} ${c.cyan(f.url)}`);
  }
  const count = (level: string): number => input.findings.filter((f) => f.severity === level).length;
  const summary = `${plural(count('error'), 'error')}, ${plural(count('warning'), 'warning')}, ${count('info')} info in ${plural(input.fileCount, 'file')}`;
  if (input.findings.length > 0) lines.push('');
  lines.push(
    input.findings.length === 0 ? c.green(`no problems found in ${plural(input.fileCount, 'file')}`) : summary,
  );
  return `${lines.join('\n')}\n`;
}
