/**
 * `k8sdiag runbook <id> [--lang ko]`: a runbook as readable terminal text.
 * `k8sdiag runbook` without an id lists the runbooks.
 */
import { defineCommand } from 'citty';
import pc from 'picocolors';
import { RUNBOOK_IDS, type RunbookId } from '../../content/runbook-schema';
import { EXIT, K8sdiagError } from '../errors';
import { mdxToText } from '../explain/mdx-to-text';
import { colorEnabled, docsUrlArg, langArg, parseLang, resolveDocsUrl } from '../explain/options';
import { findRunbook, runbooks, runbookUrl } from '../knowledge/runbooks';

export default defineCommand({
  meta: {
    name: 'runbook',
    description: 'Print a runbook as terminal text; without an id, list the runbooks. Exit 2 for an unknown id.',
  },
  args: {
    id: { type: 'positional', required: false, description: 'Runbook id, e.g. exec-format-error', valueHint: 'id' },
    lang: langArg,
    'docs-url': docsUrlArg,
  },
  async run({ args }) {
    const lang = parseLang(args.lang);
    const docsUrl = resolveDocsUrl(args['docs-url'], process.env);
    const colors = pc.createColors(colorEnabled(process.stdout.isTTY, process.env));
    if (args.id === undefined || args.id === '') {
      const lines = runbooks(lang)
        .slice()
        .sort((a, b) => a.frontmatter.problem - b.frontmatter.problem)
        .map((entry) => `${entry.frontmatter.runbook.padEnd(28)} ${entry.frontmatter.title}`);
      process.stdout.write(`${lines.join('\n')}\n`);
      return EXIT.ok;
    }
    const id = args.id;
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
