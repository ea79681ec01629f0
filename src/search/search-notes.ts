/**
 * The lines the search dialog adds above Pagefind's results: what relaxation searched without
 * (and which typed words it replaced by a glossary form), and, when the query looks like a pasted
 * error, the explain matcher's best runbook with its confidence. One element, kept as the first child
 * of Pagefind UI's results area (which Pagefind re-creates), rendered as inert text.
 */
import { looksLikePastedError } from '../retrieval/query';
import type { RelaxedResult } from '../retrieval/relax';
import type { ExplainAnswer } from './explain-answer';
import type { PagefindHit } from './relaxed-pagefind';
import type { SearchStrings } from './strings';

export type Explain = (text: string) => Promise<ExplainAnswer | undefined>;

/**
 * The notes' styles, added to the page once with the dialog. (A CSS file imported here is not
 * emitted: Starlight loads this module through a dynamic import of the aliased Pagefind UI.)
 */
const STYLES = `
.k8sdiag-search-notes {
  margin-block: 0.5rem 0.75rem;
  padding: 0.5rem 0.75rem;
  border: 1px solid var(--sl-color-gray-5);
  border-radius: 0.25rem;
  color: var(--sl-color-gray-2);
  font-size: var(--sl-text-sm);
}
.k8sdiag-search-notes[hidden] {
  display: none;
}
.k8sdiag-search-notes p {
  margin: 0;
}
.k8sdiag-search-notes p + p {
  margin-block-start: 0.25rem;
}
.k8sdiag-search-notes strong {
  color: var(--sl-color-white);
  font-weight: 600;
}
.k8sdiag-search-notes [data-confidence='weak'] a {
  font-style: italic;
}
`;

function addStyles(): void {
  if (document.querySelector('style[data-k8sdiag-search-notes]')) return;
  const style = document.createElement('style');
  style.dataset.k8sdiagSearchNotes = '';
  style.textContent = STYLES;
  document.head.append(style);
}

export class SearchNotes {
  readonly element: HTMLElement;
  private latest = '';

  constructor(
    private readonly root: HTMLElement,
    private readonly strings: SearchStrings,
    private readonly explain: Explain,
  ) {
    this.element = document.createElement('div');
    this.element.className = 'k8sdiag-search-notes';
    this.element.setAttribute('aria-live', 'polite');
    this.element.hidden = true;
    addStyles();
    new MutationObserver(() => this.place()).observe(root, { childList: true, subtree: true });
  }

  /** Keeps the notes first in the results area while Pagefind UI re-renders it. */
  private place(): void {
    const area = this.root.querySelector('.pagefind-ui__results-area');
    if (area && area.firstChild !== this.element) area.prepend(this.element);
  }

  /** Shows what the search for `text` did; called by the relaxed Pagefind after every search. */
  update(text: string, result: RelaxedResult<PagefindHit>): void {
    this.latest = text;
    const lines: HTMLElement[] = [];
    if (result.without.length > 0) lines.push(this.line(this.strings.without, result.without.join(', '), 'without'));
    if (result.replaced.length > 0) {
      const pairs = result.replaced.map(([typed, term]) => `${typed} → ${term}`).join(', ');
      lines.push(this.line(this.strings.replaced, pairs, 'replaced'));
    }
    this.show(lines);
    if (!looksLikePastedError(text)) return;
    // After Pagefind UI has rendered the results (its updates run as microtasks): the matcher's
    // first load and its scoring then never delay the result list.
    setTimeout(() => {
      if (this.latest !== text) return;
      void this.explain(text)
        .then((answer) => {
          if (answer === undefined || this.latest !== text) return;
          this.show([this.answer(answer), ...lines]);
        })
        .catch((error: unknown) => console.error('k8sdiag search: explain matcher failed', error));
    }, 0);
  }

  private show(lines: HTMLElement[]): void {
    this.element.replaceChildren(...lines);
    this.element.hidden = lines.length === 0;
    this.place();
  }

  private line(label: string, text: string, kind: string): HTMLElement {
    const p = document.createElement('p');
    p.dataset.k8sdiagNote = kind;
    const strong = document.createElement('strong');
    strong.textContent = label;
    p.append(strong, ` ${text}`);
    return p;
  }

  private answer(answer: ExplainAnswer): HTMLElement {
    const p = document.createElement('p');
    p.dataset.k8sdiagNote = 'explain';
    p.dataset.confidence = answer.confidence;
    const link = document.createElement('a');
    link.href = answer.url;
    link.textContent = answer.title;
    const label = answer.confidence === 'weak' ? this.strings.weak : this.strings.confident;
    p.append(`${this.strings.explain} `, link, ` (${label}, ${this.strings.score} ${answer.score.toFixed(2)})`);
    return p;
  }
}
