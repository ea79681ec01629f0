/**
 * `k8sdiag runbook <id> [--lang ko]`: a runbook as readable terminal text.
 * `k8sdiag runbook` without an id lists the runbooks.
 */
import { defineCommand } from 'citty';
import pc from 'picocolors';
import { RUNBOOK_IDS, type RunbookId } from '../../content/runbook-schema';
import { EXIT, K8sdiagError } from '../errors';
import { colorEnabled, docsUrlOf, langOf, SHARED_OPTIONS } from '../options/common';
import { cittyArgs, type OptionTable, parseOptions } from '../options/table';
import { mdxToText } from '../runbooks/mdx-to-text';
import { findRunbook, runbooks, runbookUrl } from '../runbooks/runbooks';

export const RUNBOOK_OPTIONS = {
  lang: { type: 'string', description: 'Language of the runbook: en | ko (default en)', valueHint: 'en|ko' },
  'docs-url': SHARED_OPTIONS['docs-url'],
} as const satisfies OptionTable;

export default defineCommand({
  meta: {
    name: 'runbook',
    description:
      'Print a runbook as terminal text; without an id, list the runbooks.\n' +
      'Exit codes: 0 ok, 2 bad input (an unknown id).\n',
  },
  args: cittyArgs(RUNBOOK_OPTIONS, { name: 'id', description: 'Runbook id, e.g. exec-format-error', valueHint: 'id' }),
  async run({ rawArgs }) {
    const { values, positionals } = parseOptions(rawArgs, RUNBOOK_OPTIONS);
    const [id, extra] = positionals;
    if (extra !== undefined) throw new K8sdiagError('E_USAGE', `unexpected argument "${extra}"`);
    const lang = langOf(values);
    const docsUrl = docsUrlOf(values, process.env);
    const colors = pc.createColors(colorEnabled(process.stdout.isTTY, process.env));
    if (id === undefined || id === '') {
      const lines = runbooks(lang)
        .slice()
        .sort((a, b) => a.frontmatter.problem - b.frontmatter.problem)
        .map((entry) => `${entry.frontmatter.runbook.padEnd(28)} ${entry.frontmatter.title}`);
      process.stdout.write(`${lines.join('\n')}\n`);
      return EXIT.ok;
    }
    if (!(RUNBOOK_IDS as readonly string[]).includes(id)) {
      throw new K8sdiagError('E_USAGE', `unknown runbook "${id}"; known: ${RUNBOOK_IDS.join(', ')}`);
    }
    const entry = findRunbook(id, lang);
    if (entry === undefined) {
      throw new K8sdiagError('E_INPUT', `runbook "${id}" has no ${lang} page in this build`);
    }
    const pageUrl = runbookUrl(id as RunbookId, lang, docsUrl);
    const { frontmatter } = entry;
    const header = [
      colors.bold(frontmatter.title),
      colors.dim(`${frontmatter.runbook} · ${pageUrl}`),
      '',
      frontmatter.description,
      '',
    ].join('\n');
    process.stdout.write(`${header}\n${mdxToText(entry.body, { colors, docsUrl, pageUrl })}`);
    return EXIT.ok;
  },
});
