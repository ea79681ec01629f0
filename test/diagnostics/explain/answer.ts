/** The first answer of `k8sdiag explain` for a text, and whether it is confident (exit 0). */
import { explain, isConfidentAnswer } from '../../../src/diagnostics/explain/explain';
import { runbookEntries } from '../../../src/diagnostics/runbooks/runbook-data';

export function answer(text: string): { id: string | undefined; confident: boolean } {
  const found = explain({ text, lang: 'en', entries: runbookEntries, url: (id) => id });
  return { id: found[0]?.id, confident: isConfidentAnswer(found) };
}
