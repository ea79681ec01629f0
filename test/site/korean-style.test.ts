/**
 * The Korean editorial standard (docs/korean-style.md), checked on every Korean page under
 * src/content/docs/ko/: one register, 해라체 (-다, -한다, -된다) as kubernetes.io/ko writes, and the
 * shared glossary (src/retrieval/glossary.ts): no word from an entry's `avoid` list.
 *
 * Only prose is checked: frontmatter values that are prose (title, description, cause, symptoms,
 * hero text), and the body without fenced code, inline code, link targets, imports and MDX
 * comments. Error signatures and fix commands are verbatim text and are skipped.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { clusterChecks, hostChecks, nodeChecks } from '../../src/diagnostics/registry';
import { CONFIDENCE_WORDS } from '../../src/retrieval/confidence';
import { GLOSSARY } from '../../src/retrieval/glossary';
import { SEARCH_STRINGS } from '../../src/search/strings';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const KO_DIR = join(repoRoot, 'src/content/docs/ko');

/** Frontmatter keys whose values are verbatim text (error messages, commands, ids), not prose. */
const VERBATIM_KEYS = new Set([
  'signatures',
  'fixCommands',
  'supports',
  'ruledOutBy',
  'undecidedBy',
  'hosts',
  'context',
  'runbook',
  'problem',
  'layer',
  'tools',
  'related',
  'template',
]);

/** 합쇼체: -ㅂ니다/-습니다, -ㅂ니까, -십시오, -ㅂ시다 (아니다 is 해라체 and passes). */
const HAPSYO = /[가-힣](?<!아)(?:니다|니까|십시오|읍시다|ㅂ시다|합시다|봅시다)(?=$|[\s.,!?()"'”:;*])/u;
/** 해요체: the common polite endings at the end of a word. */
const HAEYO =
  /[가-힣](?:어요|아요|여요|해요|돼요|되요|에요|예요|세요|네요|군요|지요|까요|래요|게요|줘요|봐요|와요|워요|셔요|나요|인가요|은가요|는가요|던가요|는데요|거든요|죠)(?=$|[\s.,!?()"'”:;*])/u;

interface StyleFinding {
  line: number;
  rule: 'register-hapsyo' | 'register-haeyo' | 'glossary-avoid';
  text: string;
}

interface ProseLine {
  line: number;
  text: string;
  /** Body prose (joined with its neighbours for the glossary check); frontmatter values stand alone. */
  body: boolean;
}

/** The prose of one MDX page, line by line, with code, link targets and comments removed. */
function proseLines(source: string): ProseLine[] {
  const lines = source.split(/\r?\n/);
  const out: ProseLine[] = [];
  let index = 0;
  if (lines[0] === '---') {
    let verbatim = false;
    for (index = 1; index < lines.length && lines[index] !== '---'; index += 1) {
      const raw = lines[index] ?? '';
      const key = /^([A-Za-z][\w-]*):/.exec(raw);
      if (key) verbatim = VERBATIM_KEYS.has(key[1] ?? '');
      if (verbatim) continue;
      // Keep the value only, never the key (`title:`, `link:`), and drop link targets.
      if (/^\s*(?:link|icon|variant):/.test(raw)) continue;
      const value = raw.replace(/^\s*(?:-\s+)?(?:[A-Za-z][\w-]*:\s*)?/, '');
      out.push({ line: index + 1, text: cleanInline(value), body: false });
    }
    index += 1;
  }
  let fence: string | undefined;
  let comment = false;
  for (; index < lines.length; index += 1) {
    const raw = lines[index] ?? '';
    const trimmed = raw.trimStart();
    if (fence !== undefined) {
      if (trimmed.startsWith(fence) && trimmed.slice(fence.length).trim() === '') fence = undefined;
      continue;
    }
    const opening = /^(`{3,}|~{3,})/.exec(trimmed);
    if (opening) {
      fence = opening[1];
      continue;
    }
    if (/^import\s/.test(trimmed)) continue;
    let text = raw;
    if (comment) {
      const end = text.indexOf('*/}');
      if (end === -1) continue;
      text = text.slice(end + 3);
      comment = false;
    }
    text = text.replace(/\{\/\*[\s\S]*?\*\/\}/g, ' ');
    const open = text.indexOf('{/*');
    if (open !== -1) {
      text = text.slice(0, open);
      comment = true;
    }
    out.push({ line: index + 1, text: cleanInline(text), body: true });
  }
  return out;
}

/** Removes inline code, link targets, URLs and JSX tags from a line of prose. */
function cleanInline(text: string): string {
  return text
    .replace(/`[^`]*`/g, ' ')
    .replace(/\]\([^)]*\)/g, ']')
    .replace(/https?:\/\/\S+/g, ' ')
    .replace(/<\/?[A-Za-z][^>]*>/g, ' ');
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const AVOID: ReadonlyArray<{ word: string; latin: boolean; pattern: RegExp; use: string }> = GLOSSARY.flatMap((entry) =>
  (entry.avoid ?? []).map((word) => ({
    word,
    use: entry.ko,
    // Latin words as whole words, not as part of a name, path, domain, flag or issue reference
    // (kubernetes/kubernetes#1, pkgs.k8s.io, calico-node, kubelet.service); Hangul has no word
    // boundary in \b, so match the string.
    latin: /^[\x20-\x7e]+$/.test(word),
    pattern: /^[\x20-\x7e]+$/.test(word)
      ? new RegExp(`(?<![A-Za-z0-9._/#@:-])${escapeRegExp(word)}(?![A-Za-z0-9_/#@:-]|\\.[A-Za-z0-9])`, 'iu')
      : new RegExp(escapeRegExp(word), 'u'),
  })),
);

/**
 * Wrapped prose joined back into paragraphs (a space for each line break), so that a term split by
 * a line break (`광고\n주소`) is still one term. Each paragraph keeps where its lines start, to
 * report the line a hit starts on. A blank line, a frontmatter value or a gap in line numbers
 * (a code block, an import) ends a paragraph.
 */
function paragraphs(lines: ProseLine[]): Array<{ text: string; starts: Array<{ at: number; line: number }> }> {
  const out: Array<{ text: string; starts: Array<{ at: number; line: number }> }> = [];
  let current: { text: string; starts: Array<{ at: number; line: number }> } | undefined;
  let previous = -1;
  for (const { line, text, body } of lines) {
    const trimmed = text.trim();
    if (!body || trimmed === '' || current === undefined || line !== previous + 1) {
      if (current) out.push(current);
      current = trimmed === '' ? undefined : { text: '', starts: [] };
    }
    if (current && trimmed !== '') {
      if (current.text !== '') current.text += ' ';
      current.starts.push({ at: current.text.length, line });
      current.text += trimmed;
      if (!body) {
        out.push(current);
        current = undefined;
      }
    }
    previous = line;
  }
  if (current) out.push(current);
  return out;
}

/** Every register and glossary finding in one Korean page. */
function checkKoreanStyle(source: string): StyleFinding[] {
  const findings: StyleFinding[] = [];
  const lines = proseLines(source);
  for (const { line, text } of lines) {
    const hapsyo = HAPSYO.exec(text);
    if (hapsyo) findings.push({ line, rule: 'register-hapsyo', text: around(text, hapsyo.index) });
    const haeyo = HAEYO.exec(text);
    if (haeyo) findings.push({ line, rule: 'register-haeyo', text: around(text, haeyo.index) });
  }
  for (const { text, starts } of paragraphs(lines)) {
    for (const { word, latin, pattern, use } of AVOID) {
      const global = new RegExp(pattern.source, `${pattern.flags}g`);
      for (const hit of text.matchAll(global)) {
        const at = hit.index ?? 0;
        if (latin && inEnglishPhrase(text, at, hit[0].length)) continue;
        const line = [...starts].reverse().find((s) => s.at <= at)?.line ?? starts[0]?.line ?? 0;
        findings.push({ line, rule: 'glossary-avoid', text: `"${word}" (use "${use}"): ${around(text, at)}` });
      }
    }
  }
  return findings.sort((a, b) => a.line - b.line);
}

/**
 * A Latin word inside a run of three or more Latin tokens is part of a quoted English phrase or a
 * command written without backticks (`kubectl get nodes`, 'Join worker nodes to cluster'), not
 * Korean prose using an English term.
 */
function inEnglishPhrase(text: string, at: number, length: number): boolean {
  const before = /(?:[\x21-\x7e]+ )*[\x21-\x7e]*$/.exec(text.slice(0, at))?.[0] ?? '';
  const after = /^[\x21-\x7e]*(?: [\x21-\x7e]+)*/.exec(text.slice(at + length))?.[0] ?? '';
  const tokens = `${before}X${after}`.split(' ').filter((t) => /[A-Za-z0-9]/.test(t));
  return tokens.length >= 3;
}

function around(text: string, at: number): string {
  return text.slice(Math.max(0, at - 20), at + 20).trim();
}

function koreanPages(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...koreanPages(path));
    else if (entry.name.endsWith('.mdx')) out.push(path);
  }
  return out.sort();
}

describe('the Korean style checker itself', () => {
  const page = (body: string) => `---\ntitle: 제목\ndescription: "설명이다."\n---\n\n${body}\n`;

  it.each([
    ['합쇼체', '노드를 확인합니다.', 'register-hapsyo'],
    ['합쇼체, question', '무엇이 문제입니까?', 'register-hapsyo'],
    ['해요체', '노드를 확인해요.', 'register-haeyo'],
    ['해요체, imperative', 'kubeconfig를 복사하세요.', 'register-haeyo'],
    ['해요체, question', '노드가 왜 안 뜨나요?', 'register-haeyo'],
    ['glossary avoid word', '포드가 시작되지 않는다.', 'glossary-avoid'],
    ['glossary avoid word, Latin-free term', '마스터 노드에서 실행한다.', 'glossary-avoid'],
    ['glossary avoid word split by a line break', '잘못된 광고\n주소를 쓴다.', 'glossary-avoid'],
    ['해요체, question with 인가요', '이것이 원인인가요?', 'register-haeyo'],
    ['an English term in Korean prose', 'Pod가 서비스에 닿지 못한다.', 'glossary-avoid'],
  ])('finds %s', (_name, body, rule) => {
    const findings = checkKoreanStyle(page(body));
    expect(findings.map((f) => f.rule)).toContain(rule);
    expect(findings[0]?.line).toBe(6);
  });

  it.each([
    ['해라체', '노드를 확인한다. 파드가 시작된다. 필요하다. 오류가 아니다.'],
    ['a noun ending in 요', '이것이 요약이다. 중요한 것은 필요다.'],
    ['Korean inside a code block', '```text\n이진 파일을 실행할 수 없습니다\n```'],
    ['Korean inside inline code', '`확인하세요`라는 문자열은 본문이 아니다.'],
    ['an MDX comment', '{/* runbook: 포드 합니다 */}'],
    [
      'names, domains and issue references',
      'kubernetes/kubernetes#1 이슈, pkgs.k8s.io, calico-node, kubelet.service를 본다.',
    ],
    ['a command written without backticks', 'kubectl get nodes에서 노드를 본다.'],
  ])('passes %s', (_name, body) => {
    expect(checkKoreanStyle(page(body))).toEqual([]);
  });

  it('skips error signatures in frontmatter but checks the description', () => {
    const source = '---\ndescription: "확인합니다."\nsignatures:\n  - "파일을 받는데 실패했습니다"\n---\n';
    expect(checkKoreanStyle(source)).toEqual([
      { line: 2, rule: 'register-hapsyo', text: expect.stringContaining('확인합니다') },
    ]);
  });
});

describe('every Korean page', () => {
  const pages = koreanPages(KO_DIR);

  it('covers the runbooks, onboarding, home and layer pages', () => {
    const names = pages.map((p) => relative(KO_DIR, p));
    expect(names).toContain('index.mdx');
    expect(names).toContain('onboarding.mdx');
    expect(names.filter((n) => n.startsWith('layers/')).length).toBeGreaterThanOrEqual(3);
    expect(names.filter((n) => n.startsWith('runbooks/')).length).toBeGreaterThanOrEqual(10);
  });

  it('is written in 해라체 and uses the glossary terms', () => {
    const report: string[] = [];
    for (const file of pages) {
      for (const f of checkKoreanStyle(readFileSync(file, 'utf8'))) {
        report.push(`${relative(repoRoot, file)}:${f.line}: ${f.rule}: ${f.text}`);
      }
    }
    if (report.length > 0) console.log(report.join('\n'));
    expect(report, report.join('\n')).toEqual([]);
  });
});

describe('Korean UI strings and CLI output', () => {
  /** One string checked as if it were a line of prose on a page; `{name}` / `{{version}}` placeholders are not prose. */
  const check = (text: string): StyleFinding[] =>
    checkKoreanStyle(`---\ntitle: 제목\n---\n${text.replace(/\{\{?\w+\}\}?/g, ' ')}\n`);

  const sources: Array<[string, Record<string, string>]> = [
    [
      'src/content/i18n/ko.json',
      JSON.parse(readFileSync(join(repoRoot, 'src/content/i18n/ko.json'), 'utf8')) as Record<string, string>,
    ],
    [
      'titleKo (check registry)',
      Object.fromEntries(
        [...Object.values(nodeChecks), ...Object.values(hostChecks), ...Object.values(clusterChecks)].map((c) => [
          c.meta.id,
          c.meta.titleKo ?? '',
        ]),
      ),
    ],
    ['CONFIDENCE_WORDS.ko', { ...CONFIDENCE_WORDS.ko }],
    ['SEARCH_STRINGS.ko', { ...SEARCH_STRINGS.ko }],
  ];

  it.each(sources)('%s is in one register and uses the glossary terms', (_name, strings) => {
    expect(Object.keys(strings).length).toBeGreaterThan(0);
    const report = Object.entries(strings).flatMap(([key, text]) =>
      check(text).map((f) => `${key}: ${f.rule}: ${f.text}`),
    );
    expect(report, report.join('\n')).toEqual([]);
  });

  it('every check has a Korean title', () => {
    const titles = sources[1]?.[1] ?? {};
    expect(
      Object.entries(titles)
        .filter(([, title]) => title === '')
        .map(([id]) => id),
    ).toEqual([]);
  });
});
