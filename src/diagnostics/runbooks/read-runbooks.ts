/**
 * Reads runbook MDX files from disk and validates their frontmatter with the same schema
 * the site uses. Used in development and tests; the bundled CLI gets the same data inlined
 * at build time (scripts/build-cli.mjs), so the runbooks stay the one home of their facts.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument } from 'yaml';
import { type RunbookFrontmatter, runbookFrontmatter } from '../../content/runbook-schema';
import { LANGS, type Lang } from '../../langs';
import { K8sdiagError } from '../errors';

export { LANGS, type Lang };

export interface RunbookEntry {
  lang: Lang;
  /** Path relative to the repository root. */
  file: string;
  frontmatter: RunbookFrontmatter;
  /** MDX body without the frontmatter. */
  body: string;
}

const FRONTMATTER = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?/;

export function parseRunbookFile(file: string, text: string, lang: Lang): RunbookEntry {
  const match = FRONTMATTER.exec(text);
  if (!match) throw new K8sdiagError('E_INPUT', 'no frontmatter block', { file, line: 1 });
  const doc = parseDocument(match[1] ?? '');
  if (doc.errors.length > 0) {
    const first = doc.errors[0];
    throw new K8sdiagError('E_INPUT', `frontmatter: ${first?.message ?? 'invalid YAML'}`, {
      file,
      line: (first?.linePos?.[0]?.line ?? 0) + 1,
    });
  }
  const parsed = runbookFrontmatter.safeParse(doc.toJS());
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new K8sdiagError('E_INPUT', `frontmatter field "${issue?.path.join('.') ?? '?'}": ${issue?.message ?? ''}`, {
      file,
    });
  }
  return { lang, file, frontmatter: parsed.data, body: text.slice(match[0].length) };
}

export function runbookDir(root: string, lang: Lang): string {
  return lang === 'en' ? join(root, 'src/content/docs/runbooks') : join(root, `src/content/docs/${lang}/runbooks`);
}

export function readRunbooksFromDisk(root: string): RunbookEntry[] {
  const entries: RunbookEntry[] = [];
  for (const lang of LANGS) {
    const dir = runbookDir(root, lang);
    let names: string[];
    try {
      names = readdirSync(dir).filter((name) => name.endsWith('.mdx'));
    } catch {
      names = [];
    }
    for (const name of names.sort()) {
      const file = join(dir, name);
      entries.push(parseRunbookFile(file.slice(root.length + 1), readFileSync(file, 'utf8'), lang));
    }
  }
  return entries;
}
