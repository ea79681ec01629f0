/** The first answer of `k8sdiag explain` for a text, and whether it is confident (exit 0). */
import { explain, isConfidentAnswer } from '../../../src/diagnostics/explain/explain';
import { runbookEntries } from '../../../src/diagnostics/runbooks/runbook-data';

export function answer(text: string): { id: string | undefined; confident: boolean } {
  const found = explain({ text, lang: 'en', entries: runbookEntries, url: (id) => id });
  return { id: found[0]?.id, confident: isConfidentAnswer(found) };
}

/** kubectl's line when it found no kubeconfig and fell back to localhost:8080. */
export const REFUSED =
  'The connection to the server localhost:8080 was refused - did you specify the right host or port?';
