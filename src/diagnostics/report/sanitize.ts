/**
 * Remote text is untrusted. Before it reaches a terminal: whole ANSI/OSC escape sequences are
 * removed (not just the ESC byte), then C0/C1 controls and DEL, and Unicode bidi overrides and
 * isolates (which can reorder what a reader sees). Markdown and XML get their own escaping.
 */

// biome-ignore-all lint/suspicious/noControlCharactersInRegex: finding control characters is the point of this file
// CSI (ESC [ ... final), OSC (ESC ] ... BEL or ST), other two-byte ESC sequences, 8-bit CSI.
const ESCAPES =
  /\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)?|\u001b[@-Z\\-_]|\u009b[0-?]*[ -/]*[@-~]/g;
const CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;
const BIDI = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** For terminals: no escapes, no control characters except newline and tab. */
export function stripControl(text: string): string {
  return text.replace(ESCAPES, '').replace(CONTROLS, '').replace(BIDI, '');
}

/** One line: also folds newlines and tabs into spaces. */
export function oneLine(text: string): string {
  return stripControl(text.replace(/\r\n|\r|\n|\t/g, ' ')).trim();
}

/** CommonMark: backslash-escape every ASCII punctuation character that could start markup. */
export function escapeMarkdown(text: string): string {
  return oneLine(text).replace(/[\\`*_{}[\]()#+\-.!|<>~&"']/g, (ch) => `\\${ch}`);
}

/** A fenced code block that the content cannot close. */
export function markdownFence(lines: readonly string[], info = 'text'): string {
  const body = lines.map((line) => stripControl(line.replace(/\r/g, ''))).join('\n');
  const longest = Math.max(2, ...[...body.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}${info}\n${body}\n${fence}`;
}

// XML 1.0 allows tab, newline, CR and U+0020-U+D7FF, U+E000-U+FFFD, supplementary planes.
const XML_INVALID = /[^\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/gu;

export function escapeXml(text: string): string {
  return stripControl(text)
    .replace(XML_INVALID, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}
