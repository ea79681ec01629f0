/** Captured probe output under test/fixtures/, split in lines the way the section gate splits it. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const FIXTURES = fileURLToPath(new URL('../../fixtures/', import.meta.url));

/** The lines of test/fixtures/<path>.txt, without the empty line after the last newline. */
export function fixtureLines(path: string): string[] {
  const lines = readFileSync(`${FIXTURES}${path}.txt`, 'utf8').split(/\r?\n/);
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** Inline probe output, one string per line. */
export const out = (text: string): string[] => text.split('\n');
