/**
 * Offsets to 1-based line/column. Built once per file; every rule's report is an offset range,
 * the engine turns it into path:line:column here.
 */
export interface LineIndex {
  /** Offset of the first character of each line (line 1 at index 0). */
  readonly starts: readonly number[];
  /** 1-based line and column of an offset (column counts UTF-16 code units, like editors and SARIF's default). */
  at(offset: number): { line: number; column: number };
  /** Offset of the start of a 1-based line (clamped). */
  lineStart(line: number): number;
  /** The text of a 1-based line without its line break. */
  lineText(line: number): string;
}

export function lineIndex(text: string): LineIndex {
  const starts: number[] = [0];
  let from = 0;
  for (;;) {
    const nl = text.indexOf('\n', from);
    if (nl < 0) break;
    starts.push(nl + 1);
    from = nl + 1;
  }
  const lineOf = (offset: number): number => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  return {
    starts,
    at(offset: number) {
      const clamped = Math.max(0, Math.min(offset, text.length));
      const index = lineOf(clamped);
      return { line: index + 1, column: clamped - (starts[index] ?? 0) + 1 };
    },
    lineStart(line: number) {
      return starts[Math.max(0, Math.min(line - 1, starts.length - 1))] ?? 0;
    },
    lineText(line: number) {
      const start = starts[line - 1];
      if (start === undefined) return '';
      const next = starts[line];
      const end = next === undefined ? text.length : next - 1;
      return text.slice(start, end).replace(/\r$/, '');
    },
  };
}
