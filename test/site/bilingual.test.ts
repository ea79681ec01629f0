/**
 * Every runbook exists in English and Korean with the same facts and the same shape: same id and
 * frontmatter lists, the same H2 sections in the same order (English headings mapped to their
 * Korean counterparts), the same number of H3s, code blocks and <Steps> in each section, and both
 * pages are really built (no fallback page).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { RUNBOOK_IDS, type RunbookId } from '../../src/content/runbook-schema';
import { assertBuilt, distDir, repoRoot } from './built-site';

const EN_DIR = join(repoRoot, 'src/content/docs/runbooks');
const KO_DIR = join(repoRoot, 'src/content/docs/ko/runbooks');

/** The runbook body order of the design card, in both languages. */
const SECTIONS: ReadonlyArray<readonly [en: string, ko: string]> = [
  ['Symptom', '증상'],
  ['Confirm it', '확인하기'],
  ['Root cause', '근본 원인'],
  ['Fix', '해결'],
  ['Why it happens', '왜 이런 일이 생기나'],
  ['Prevent it', '예방'],
];

/** Frontmatter fields that hold ids, commands or verbatim text and must match exactly. */
const SAME_VALUE_FIELDS = ['runbook', 'problem', 'layer', 'tools', 'related'] as const;
/** Frontmatter lists written in each language: the same number of entries. */
const SAME_LENGTH_FIELDS = ['symptoms', 'signatures', 'fixCommands'] as const;

interface Section {
  heading: string;
  h3: number;
  codeBlocks: number;
  steps: number;
}

interface Shape {
  frontmatter: Record<string, unknown>;
  sections: Section[];
  codeBlocks: number;
  steps: number;
}

/** Reads an MDX runbook: frontmatter, and per H2 section its H3s, fenced code blocks and <Steps>. */
function shapeOf(file: string): Shape {
  const text = readFileSync(file, 'utf8');
  const match = /^---\r?\n([\s\S]*?)\r?\n---\r?\n/.exec(text);
  if (!match) throw new Error(`${file}: no frontmatter`);
  const frontmatter = parse(match[1] ?? '') as Record<string, unknown>;
  const sections: Section[] = [];
  let fence: string | undefined;
  let codeBlocks = 0;
  let steps = 0;
  for (const line of text.slice(match[0].length).split(/\r?\n/)) {
    const trimmed = line.trimStart();
    const current = sections[sections.length - 1];
    if (fence !== undefined) {
      if (trimmed.startsWith(fence) && trimmed.slice(fence.length).trim() === '') fence = undefined;
      continue;
    }
    const opening = /^(`{3,}|~{3,})/.exec(trimmed);
    if (opening) {
      fence = opening[1];
      codeBlocks += 1;
      if (current) current.codeBlocks += 1;
      continue;
    }
    if (/^<Steps>/.test(trimmed)) {
      steps += 1;
      if (current) current.steps += 1;
    }
    const h2 = /^## (.+?)\s*$/.exec(line);
    if (h2) {
      sections.push({ heading: h2[1] ?? '', h3: 0, codeBlocks: 0, steps: 0 });
      continue;
    }
    if (/^### /.test(line) && current) current.h3 += 1;
  }
  return { frontmatter, sections, codeBlocks, steps };
}

function mdxFiles(dir: string): string[] {
  return existsSync(dir)
    ? readdirSync(dir)
        .filter((name) => name.endsWith('.mdx'))
        .sort()
    : [];
}

function docsPages(dir: string, prefix = ''): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const rel = `${prefix}${entry.name}`;
    if (entry.isDirectory()) out.push(...docsPages(join(dir, entry.name), `${rel}/`));
    else if (/\.mdx?$/.test(entry.name)) out.push(rel);
  }
  return out.sort();
}

describe('every page exists in both languages', () => {
  it('has a Korean twin for every English docs page and no Korean-only page', () => {
    const docs = join(repoRoot, 'src/content/docs');
    const english = docsPages(docs).filter((page) => !page.startsWith('ko/'));
    const korean = docsPages(join(docs, 'ko'));
    expect(english.length).toBeGreaterThan(RUNBOOK_IDS.length);
    expect(korean).toEqual(english);
  });
});

describe('runbooks exist in both languages', () => {
  it('has exactly one English and one Korean file per runbook id, and nothing else', () => {
    const expected = RUNBOOK_IDS.map((id) => `${id}.mdx`).sort();
    expect(mdxFiles(EN_DIR)).toEqual(expected);
    expect(mdxFiles(KO_DIR)).toEqual(expected);
  });

  it('builds every runbook as a real page in each language (no fallback)', () => {
    assertBuilt();
    for (const id of RUNBOOK_IDS) {
      const en = readFileSync(join(distDir, 'runbooks', id, 'index.html'), 'utf8');
      const ko = readFileSync(join(distDir, 'ko', 'runbooks', id, 'index.html'), 'utf8');
      expect(en).toMatch(/<html[^>]*\blang="en"/);
      expect(ko).toMatch(/<html[^>]*\blang="ko"/);
      // A fallback page keeps the English content's lang on <main> and shows Starlight's notice.
      expect(ko).toMatch(/<main[^>]*\blang="ko"/);
      expect(ko).not.toContain('이 콘텐츠는 아직 번역되지 않았습니다');
    }
  });
});

describe.each(RUNBOOK_IDS.map((id) => [id] as [RunbookId]))('runbook %s', (id) => {
  const enFile = join(EN_DIR, `${id}.mdx`);
  const koFile = join(KO_DIR, `${id}.mdx`);
  const ready = existsSync(enFile) && existsSync(koFile);
  const en = ready ? shapeOf(enFile) : undefined;
  const ko = ready ? shapeOf(koFile) : undefined;

  it('exists in both languages', () => {
    expect(existsSync(enFile), enFile).toBe(true);
    expect(existsSync(koFile), koFile).toBe(true);
  });

  it.runIf(ready)('has the same id and frontmatter lists', () => {
    const idField = SAME_VALUE_FIELDS[0];
    expect(en?.frontmatter[idField], 'the id is the file name').toBe(id);
    for (const field of SAME_VALUE_FIELDS) {
      expect(ko?.frontmatter[field], `frontmatter field ${field}`).toEqual(en?.frontmatter[field]);
    }
    for (const field of SAME_LENGTH_FIELDS) {
      const enList = en?.frontmatter[field];
      const koList = ko?.frontmatter[field];
      expect(Array.isArray(enList), `en ${field} is a list`).toBe(true);
      expect(Array.isArray(koList), `ko ${field} is a list`).toBe(true);
      expect((koList as unknown[]).length, `number of ${field}`).toBe((enList as unknown[]).length);
    }
  });

  it.runIf(ready)('has the six sections in order, with matching Korean headings', () => {
    expect(en?.sections.map((s) => s.heading)).toEqual(SECTIONS.map(([enHeading]) => enHeading));
    expect(ko?.sections.map((s) => s.heading)).toEqual(SECTIONS.map(([, koHeading]) => koHeading));
  });

  it.runIf(ready)('has the same number of H3s, code blocks and <Steps> in each section', () => {
    const count = (shape: Shape | undefined) =>
      shape?.sections.map(({ h3, codeBlocks, steps }) => ({ h3, codeBlocks, steps }));
    expect(count(ko)).toEqual(count(en));
    expect(ko?.codeBlocks).toBe(en?.codeBlocks);
    expect(ko?.steps).toBe(en?.steps);
    expect(en?.steps, 'the Fix section uses <Steps>').toBeGreaterThan(0);
  });
});
