/** Quotes a string as one POSIX sh word: single quotes, with `'` written as `'\''`. */
export function shQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}
