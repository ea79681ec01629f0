/**
 * Finding builders and the section gate every analyzer starts with. Pure helpers: no I/O.
 * Messages are one line (control characters and newlines of quoted node text are replaced),
 * evidence lines are clipped, so an analyzer cannot emit a multi-line message by accident.
 */
import type { RunbookId } from '../../../content/runbook-schema';
import type { CheckMeta, Finding, Section, Sections, Status } from '../../types';

const MAX_MESSAGE = 300;
const MAX_EVIDENCE_LINE = 300;
const MAX_EVIDENCE_LINES = 20;

/** Replace control characters (except tab in evidence) so quoted node text stays on one line. */
export function oneLine(text: string, max = MAX_MESSAGE): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping control characters is the point
  const flat = text.replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/** Quote a piece of node output inside a message: one line, short, visibly delimited. */
export function quote(text: string, max = 80): string {
  return `"${oneLine(text, max)}"`;
}

function evidenceLines(lines: readonly string[]): string[] {
  const out: string[] = [];
  for (const line of lines) {
    for (const part of line.split(/\r?\n/)) {
      if (out.length >= MAX_EVIDENCE_LINES) return [...out, `… (${lines.length} lines in all)`];
      // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping control characters is the point
      const clean = part.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, '?');
      out.push(clean.length > MAX_EVIDENCE_LINE ? `${clean.slice(0, MAX_EVIDENCE_LINE - 1)}…` : clean);
    }
  }
  return out;
}

export interface FindingOptions {
  evidence?: readonly string[];
  fix?: string;
}

export interface Reporter {
  readonly checkId: string;
  readonly runbook: RunbookId;
  make(status: Status, message: string, options?: FindingOptions): Finding;
  pass(message: string, options?: FindingOptions): Finding;
  warn(message: string, options?: FindingOptions): Finding;
  fail(message: string, options?: FindingOptions): Finding;
  skip(message: string, options?: FindingOptions): Finding;
  error(message: string, options?: FindingOptions): Finding;
}

export function reporter(meta: Pick<CheckMeta, 'id' | 'runbook'>): Reporter {
  const make = (status: Status, message: string, options: FindingOptions = {}): Finding => {
    const finding: Finding = {
      checkId: meta.id,
      status,
      message: oneLine(message),
      evidence: evidenceLines(options.evidence ?? []),
      runbook: meta.runbook,
    };
    if (options.fix !== undefined) finding.fix = oneLine(options.fix, 600);
    return finding;
  };
  return {
    checkId: meta.id,
    runbook: meta.runbook,
    make,
    pass: (message, options) => make('pass', message, options),
    warn: (message, options) => make('warn', message, options),
    fail: (message, options) => make('fail', message, options),
    skip: (message, options) => make('skip', message, options),
    error: (message, options) => make('error', message, options),
  };
}

/** The text of a section, split in lines. A truncated section loses its last (partial) line. */
export interface OpenSection {
  section: Section;
  text: string;
  lines: string[];
}

export type Gate = { ok: true; value: OpenSection } | { ok: false; finding: Finding };

export interface GateOptions {
  /** Exit codes that mean the probe ran as designed (default: only 0). */
  okExitCodes?: readonly number[];
}

function firstLine(text: string): string {
  return text.split(/\r?\n/).find((line) => line.trim() !== '') ?? '';
}

/**
 * Every analyzer's first step for each section it reads: not run -> skip, skipped (sudo) -> skip
 * with the reason, timed out / failed / binary -> error saying so, otherwise the text.
 */
export function openSection(r: Reporter, sections: Sections, name: string, options: GateOptions = {}): Gate {
  const section = sections[name];
  if (section === undefined) return { ok: false, finding: r.skip(`probe "${name}" was not run on this node`) };
  if (section.skipped) {
    return { ok: false, finding: r.skip(`probe "${name}" skipped: ${section.skipReason ?? 'no reason given'}`) };
  }
  if (section.timedOut) {
    const limit = section.timeoutSeconds;
    const when = limit === undefined ? `after ${Math.round(section.durationMs / 100) / 10}s` : `at its ${limit}s limit`;
    return {
      ok: false,
      finding: r.error(`probe "${name}" timed out ${when}; its output was not judged`, {
        evidence: [firstLine(section.stdout), firstLine(section.stderr)].filter((line) => line !== ''),
      }),
    };
  }
  if (section.truncated) {
    // The script cuts a probe at the output cap; a judgement on part of the output could be wrong,
    // and the exit code is then the cut's SIGPIPE (141), not the probe's own.
    const bytes = typeof section.stdout === 'string' ? section.stdout.length : 0;
    return {
      ok: false,
      finding: r.error(
        `probe "${name}" printed more than the output cap; its output was cut at ${bytes} characters and not judged`,
        { evidence: [firstLine(section.stdout)].filter((line) => line !== '') },
      ),
    };
  }
  const stdout = typeof section.stdout === 'string' ? section.stdout : '';
  const nul = stdout.indexOf('\u0000');
  if (nul >= 0) {
    return {
      ok: false,
      finding: r.error(`probe "${name}" returned binary output (NUL byte at offset ${nul}), expected text`),
    };
  }
  const okCodes = options.okExitCodes ?? [0];
  if (section.exitCode === null || !okCodes.includes(section.exitCode)) {
    const why = firstLine(section.stderr) || firstLine(stdout) || 'no output';
    return {
      ok: false,
      finding: r.error(`probe "${name}" exited with ${section.exitCode ?? 'a signal'}: ${quote(why)}`, {
        evidence: [why],
      }),
    };
  }
  const lines = stdout.split(/\r?\n/);
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return { ok: true, value: { section, text: stdout, lines } };
}

/** An `error` finding for output that did not have the expected shape, quoting the offending line. */
export function unexpected(r: Reporter, probe: string, what: string, line: string, lineNo?: number): Finding {
  const where = lineNo === undefined ? '' : ` line ${lineNo}`;
  return r.error(`unexpected output from probe "${probe}"${where}: ${what}: ${quote(line)}`, { evidence: [line] });
}

export interface Problem {
  status: 'warn' | 'fail';
  text: string;
}

/** One finding for several problems: the worst status, the first worst problem as the message. */
export function worstOf(r: Reporter, problems: readonly Problem[], options: FindingOptions): Finding | undefined {
  const fails = problems.filter((problem) => problem.status === 'fail');
  const lead = fails[0] ?? problems[0];
  if (lead === undefined) return undefined;
  const more = problems.length - 1;
  const message = more > 0 ? `${lead.text} (and ${more} more problem${more === 1 ? '' : 's'})` : lead.text;
  const evidence = [
    ...problems.slice(1).map((problem) => `${problem.status}: ${problem.text}`),
    ...(options.evidence ?? []),
  ];
  return r.make(fails.length > 0 ? 'fail' : 'warn', message, { ...options, evidence });
}
