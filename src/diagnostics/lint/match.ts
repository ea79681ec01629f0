/** Small helpers rules share: regex matches over text regions with file offsets and their line. */
import type { TextRegion } from './types';

export interface RegionMatch {
  match: RegExpExecArray;
  /** File offsets of the whole match. */
  start: number;
  end: number;
  /** Offset of the match inside region.text. */
  index: number;
  /** The region line that contains the match. */
  line: string;
  region: TextRegion;
}

/**
 * Every match of `pattern` (must have the g flag) in every region. `needles`: strings of which a
 * region must contain at least one for the pattern to be able to match (a cheap indexOf filter).
 */
export function* regionMatches(
  regions: readonly TextRegion[],
  pattern: RegExp,
  needles: readonly string[] = [],
): Generator<RegionMatch> {
  for (const region of regions) {
    if (needles.length > 0 && !needles.some((needle) => region.text.includes(needle))) continue;
    pattern.lastIndex = 0;
    for (let m = pattern.exec(region.text); m !== null; m = pattern.exec(region.text)) {
      if (m[0] === '') {
        pattern.lastIndex++;
        continue;
      }
      const lineStart = region.text.lastIndexOf('\n', m.index) + 1;
      const nl = region.text.indexOf('\n', m.index);
      const line = region.text.slice(lineStart, nl < 0 ? region.text.length : nl);
      yield {
        match: m,
        start: region.start + m.index,
        end: region.start + m.index + m[0].length,
        index: m.index,
        line,
        region,
      };
    }
  }
}

/** The column of a match in its line (`hit.line` starts there minus this). */
export function lineColumn(hit: RegionMatch): number {
  return hit.index - (hit.region.text.lastIndexOf('\n', hit.index) + 1);
}

/** The key names of a region's key path joined, for context tests (`vars.master_ip`). */
export function keyContext(region: TextRegion): string {
  return (region.keyPath ?? []).filter((k) => typeof k === 'string').join('.');
}

const COMMENT_LINE = /^[ \t]*#.*$/gm;

/**
 * The text with every whole-line `#` comment (shell, YAML, Ruby, TOML) blanked to spaces: offsets and
 * line breaks stay where they were, so a match in the result is a match at the same place in the file.
 */
export function blankCommentLines(text: string): string {
  return text.replace(COMMENT_LINE, (comment) => ' '.repeat(comment.length));
}
