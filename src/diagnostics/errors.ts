// biome-ignore-all lint/suspicious/noControlCharactersInRegex: terminalLine() removes control characters
/**
 * Typed errors with codes. The CLI prints `message` (plus file:line when known) on one line,
 * never a stack trace, and exits with `exitCode`.
 */
export type ErrorCode =
  | 'E_USAGE'
  | 'E_INPUT'
  | 'E_INVENTORY'
  | 'E_SSH_CONFIG'
  | 'E_KEY'
  | 'E_HOST_ALIAS'
  | 'E_REPORT'
  | 'E_CONFIG'
  | 'E_INTERNAL';

/** Exit codes shared by every command, documented in --help and README. */
export const EXIT = {
  ok: 0,
  /** findings at or above the failing threshold */
  findings: 1,
  /** bad input: usage, unreadable or malformed file, missing key, unknown host alias */
  usage: 2,
  /** nodes unreachable / timed out (run), so the report is partial */
  partial: 3,
  /** a bug in k8sdiag */
  internal: 70,
} as const;

export class K8sdiagError extends Error {
  readonly code: ErrorCode;
  readonly exitCode: number;
  readonly file: string | undefined;
  readonly line: number | undefined;

  constructor(
    code: ErrorCode,
    message: string,
    options: { file?: string; line?: number; cause?: unknown; exitCode?: number } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'K8sdiagError';
    this.code = code;
    this.exitCode = options.exitCode ?? (code === 'E_INTERNAL' ? EXIT.internal : EXIT.usage);
    this.file = options.file;
    this.line = options.line;
  }

  /** `file:line: message` or just the message. */
  oneLine(): string {
    const where = this.file === undefined ? '' : `${this.file}${this.line === undefined ? '' : `:${this.line}`}: `;
    return `${where}${this.message}`;
  }
}

const ESCAPES =
  /\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)?|\u001b[@-Z\\-_]|\u009b[0-?]*[ -/]*[@-~]/g;
const CONTROLS = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/**
 * One line for stderr: local input (file names, values from files, messages of the libraries
 * that parsed them) can hold newlines and terminal escapes; neither reaches the terminal.
 */
export function terminalLine(text: string): string {
  return terminalText(text.replace(/\r\n|\r|\n|\t/g, ' ')).trim();
}

/** Escapes and control characters removed, spacing kept (for one line of a multi-line banner). */
export function terminalText(text: string): string {
  return text.replace(ESCAPES, '').replace(CONTROLS, '');
}

/** What the CLI prints for an error that ends a command, and the exit code. */
export function describeError(error: unknown): { line: string; code: number } {
  if (error instanceof K8sdiagError) return { line: terminalLine(error.oneLine()), code: error.exitCode };
  // citty's own argument errors (unknown enum value, missing required argument): class CLIError,
  // codes EARG / E_*. Its messages carry ANSI colour; they are stripped for a plain one-line error.
  if (error instanceof Error && error.name === 'CLIError')
    return { line: terminalLine(error.message), code: EXIT.usage };
  const message = error instanceof Error ? error.message : String(error);
  return {
    line: terminalLine(`internal error: ${message} (set K8SDIAG_DEBUG=1 for the stack)`),
    code: EXIT.internal,
  };
}
