/**
 * `k8sdiag explain "<error text>"` or `... | k8sdiag explain -`: which runbooks explain this error?
 * Exit 0 with a confident answer (top 3), 1 when only weak candidates ("possibly related") or
 * nothing match, 2 on bad usage.
 */
import { defineCommand } from 'citty';
import pc from 'picocolors';
import { hasHangul } from '../../retrieval/korean/stem';
import { EXIT, K8sdiagError } from '../errors';
import { explain, isConfidentAnswer } from '../explain/explain';
import { formatExplanationsJson, formatExplanationsText } from '../explain/format';
import { matcherIndex } from '../explain/matcher-index-data';
import { colorEnabled, docsUrlOf, formatOf, formatOption, langOf, SHARED_OPTIONS } from '../options/common';
import { cittyArgs, type OptionTable, parseOptions, splitFreeText, str } from '../options/table';
import { runbookEntries } from '../runbooks/runbook-data';
import { runbookUrl } from '../runbooks/runbooks';

/** Logs can be long; the end of a log is where the error is, so the tail is kept. */
const MAX_INPUT_BYTES = 16 * 1024 * 1024;

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of process.stdin) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    chunks.push(buffer);
    size += buffer.length;
    while (size - (chunks[0]?.length ?? 0) > MAX_INPUT_BYTES && chunks.length > 1) {
      size -= chunks.shift()?.length ?? 0;
    }
  }
  const all = Buffer.concat(chunks);
  return all.subarray(Math.max(0, all.length - MAX_INPUT_BYTES)).toString('utf8');
}

export const EXPLAIN_OPTIONS = {
  lang: {
    type: 'string',
    description: 'Language of the answer: en | ko (default: ko for Korean input, else en)',
    valueHint: 'en|ko',
  },
  format: formatOption(['text', 'json'], 'Output format'),
  limit: { type: 'string', description: 'How many runbooks to show at most, 1 to 10 (default 3)', valueHint: 'N' },
  'docs-url': SHARED_OPTIONS['docs-url'],
} as const satisfies OptionTable;

export default defineCommand({
  meta: {
    name: 'explain',
    description:
      'Find the runbooks that explain an error message, a log or a description.\n' +
      'Pass the text, or "-" to read a log from stdin.\n' +
      'English or Korean input is read alike; --lang only picks the language of\n' +
      'the answer.\n' +
      'Exit codes: 0 a confident match, 1 only "possibly related" or none,\n' +
      '2 bad input.\n',
  },
  args: cittyArgs(EXPLAIN_OPTIONS, {
    name: 'text',
    description: 'The error text, or - to read stdin',
    valueHint: 'text|-',
  }),
  async run({ rawArgs }) {
    // Not the parser's positionals: a pasted "-bash: ..." must stay text, not turn into flags.
    const { text: positional, optionArgs } = splitFreeText(rawArgs, EXPLAIN_OPTIONS);
    const { values } = parseOptions(optionArgs, EXPLAIN_OPTIONS);
    const langGiven = str(values, 'lang') !== undefined;
    if (langGiven) langOf(values);
    const docsUrl = docsUrlOf(values, process.env);
    const limitText = str(values, 'limit') ?? '3';
    const limit = Number.parseInt(limitText, 10);
    if (!Number.isInteger(limit) || limit < 1 || limit > 10) {
      throw new K8sdiagError('E_USAGE', `--limit must be a number from 1 to 10, got "${limitText}"`);
    }
    const format = formatOf(values, ['text', 'json']);
    const text = positional.length === 1 && positional[0] === '-' ? await readStdin() : positional.join(' ');
    if (text.trim() === '') {
      throw new K8sdiagError('E_USAGE', 'nothing to explain: pass the error text, or "-" to read it from stdin');
    }
    // Matching reads both languages anyway; without --lang a Korean question gets a Korean answer.
    const lang = langOf(values, hasHangul(text) ? 'ko' : 'en');
    const explanations = explain({
      text,
      lang,
      entries: runbookEntries,
      url: (id, language) => runbookUrl(id, language, docsUrl),
      limit,
      index: matcherIndex,
    });
    if (format === 'json') {
      process.stdout.write(formatExplanationsJson(explanations, lang));
    } else {
      const site = lang === 'en' ? `${docsUrl}/` : `${docsUrl}/${lang}/`;
      process.stdout.write(
        formatExplanationsText(
          explanations,
          lang,
          pc.createColors(colorEnabled(process.stdout.isTTY, process.env)),
          site,
        ),
      );
    }
    return isConfidentAnswer(explanations) ? EXIT.ok : EXIT.findings;
  },
});
