/**
 * Is a hard-coded architecture word deliberate? It is when the surrounding code already branches
 * on the machine's architecture: a task `when:` on ansible_architecture, a Jinja expression that maps
 * it, a `{% if ansible_architecture ... %}` block, or a shell `case`/`if` on `uname -m` / `$ARCH`.
 */
import type { TextRegion } from './types';
import { ARCH_FROM_FACTS } from './vocab';

const ARCH_TEST = new RegExp(
  `${ARCH_FROM_FACTS.source}|\\$\\{?ARCH\\b|\\$\\{?arch\\b|\\$\\{?ARCHITECTURE\\b|\\bARCH\\b`,
);

/**
 * Whether offset `at` (relative to region.text) sits inside code that branches on the architecture, or in
 * a shell default (`CLI_ARCH=amd64`) that such code reassigns later
 * (`if [ "$(uname -m)" = "aarch64" ]; then CLI_ARCH=arm64; fi`).
 */
export function archGuarded(region: TextRegion, at: number): boolean {
  if (inArchBranch(region, at)) return true;
  const text = region.text;
  const lineStart = text.lastIndexOf('\n', at - 1) + 1;
  const lineEnd = text.indexOf('\n', at);
  const assignment = /^[ \t]*(?:export[ \t]+|local[ \t]+|readonly[ \t]+)?([A-Za-z_]\w*)=/.exec(
    text.slice(lineStart, lineEnd < 0 ? undefined : lineEnd),
  );
  if (assignment === null) return false;
  const again = new RegExp(`(?:^|[\\s;])${assignment[1]}=`, 'gm');
  for (const m of text.slice(lineEnd < 0 ? text.length : lineEnd).matchAll(again)) {
    const index = (lineEnd < 0 ? text.length : lineEnd) + m.index;
    const start = text.lastIndexOf('\n', index) + 1;
    const end = text.indexOf('\n', index);
    const line = text.slice(start, end < 0 ? undefined : end);
    if ((/^\s*(?:if|elif|case)\b/.test(line) && ARCH_TEST.test(line)) || inArchBranch(region, index + 1)) return true;
  }
  return false;
}

function inArchBranch(region: TextRegion, at: number): boolean {
  if (region.task?.when.some((w) => ARCH_TEST.test(w))) return true;
  const text = region.text;
  // Inside a Jinja expression that maps a fact: {{ 'arm64' if ansible_architecture == 'aarch64' else 'amd64' }}
  const open = text.lastIndexOf('{{', at);
  if (open >= 0) {
    const close = text.indexOf('}}', open);
    if (close >= at && ARCH_TEST.test(text.slice(open, close))) return true;
  }
  // Inside {% if ansible_architecture ... %} ... {% endif %}, or a shell case/if on the architecture.
  const before = text.slice(0, at);
  const frames: string[] = [];
  const pattern =
    /\{%-?\s*(if|elif|else|endif|for|endfor)\b([^%]*)%\}|^[ \t]*(case|if|elif|esac|fi)\b(.*)$|;\s*(fi|esac)\b/gm;
  for (let m = pattern.exec(before); m !== null; m = pattern.exec(before)) {
    const keyword = m[1] ?? m[3] ?? m[5] ?? '';
    const head = m[2] ?? m[4] ?? '';
    const closedOnSameLine =
      (keyword === 'if' && /[;\s]fi\b/.test(head)) || (keyword === 'case' && /\besac\b/.test(head));
    if (closedOnSameLine) continue;
    if (keyword === 'if' || keyword === 'case' || keyword === 'for') frames.push(head);
    else if (keyword === 'elif') frames[frames.length - 1] = `${frames[frames.length - 1] ?? ''} ${head}`;
    else if (keyword === 'endif' || keyword === 'fi' || keyword === 'esac' || keyword === 'endfor') frames.pop();
  }
  return frames.some((head) => ARCH_TEST.test(head));
}
