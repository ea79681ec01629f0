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
