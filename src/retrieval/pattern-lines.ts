/**
 * Negative evidence written as `/regex/` in a runbook's `ruledOutBy` or `undecidedBy` (where words
 * cannot say it: "the file that failed is a script"), and a runbook's `hosts`. Pure and browser-safe.
 */

/** `/.../`: the entry is a regular expression (case-insensitive), not a line of words. */
export function isPatternLine(line: string): boolean {
  return line.length > 2 && line.startsWith('/') && line.endsWith('/');
}

export function compilePattern(line: string): RegExp {
  return new RegExp(line.slice(1, -1), 'i');
}

const URL_HOST = /\b(?:https?|ftp):\/\/\[?([a-z0-9.-]+)/gi;

/** The host names of the URLs in a text, lower-cased. */
export function urlHosts(text: string): string[] {
  return [...text.matchAll(URL_HOST)].map((m) => (m[1] ?? '').toLowerCase().replace(/\.$/, ''));
}

/**
 * apt's progress lines for a repository it read without error ("Hit:3 https://... InRelease",
 * "Get:1 ... [1581 B]"): they name hosts that worked, not the one an error is about.
 */
const APT_FETCHED = /^\s*(?:Hit|Get):\d+\s/;

/**
 * The hosts an error in these lines can be about: those of `urlHosts`, except on apt's progress lines
 * for repositories that answered (a NO_PUBKEY for another vendor's repository next to "Hit: ...
 * packages.cloud.google.com" is that vendor's error).
 */
export function errorHosts(lines: readonly string[]): string[] {
  return urlHosts(lines.filter((line) => !APT_FETCHED.test(line)).join('\n'));
}

/** Is `host` one of `hosts` or a subdomain of one? */
export function hostIn(host: string, hosts: readonly string[]): boolean {
  return hosts.some((h) => host === h || host.endsWith(`.${h}`));
}
