/**
 * The result of every probe parser: the value, or what was wrong and the offending line (1-based
 * `no` in the probe output), which the check quotes in an `error` finding.
 */
export type Parsed<T> = { ok: true; value: T } | { ok: false; what: string; line: string; no: number };
