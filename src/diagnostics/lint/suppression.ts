/**
 * Inline suppressions, in any comment syntax lint reads (`#` for YAML, shell and Ruby; `{# #}` in
 * Jinja templates):
 *   # k8sdiag-disable-line rule-id[, rule-id...]        on the finding's line
 *   # k8sdiag-disable-next-line rule-id[, rule-id...]   on the line above it
 * A reason may follow after `--`. A directive must name at least one rule.
 */
const DIRECTIVE = /#\s*k8sdiag-disable-(next-line|line)\b([^\n]*)/g;

export type Suppressions = ReadonlyMap<number, ReadonlySet<string>>;

export function readSuppressions(text: string): Suppressions {
  const out = new Map<number, Set<string>>();
  if (!text.includes('k8sdiag-disable')) return out;
  let line = 1;
  let lastIndex = 0;
  DIRECTIVE.lastIndex = 0;
  for (let m = DIRECTIVE.exec(text); m !== null; m = DIRECTIVE.exec(text)) {
    for (let i = lastIndex; i < m.index; i++) if (text.charCodeAt(i) === 10) line++;
    lastIndex = m.index;
    const target = m[1] === 'next-line' ? line + 1 : line;
    const list = (m[2] ?? '').split('--')[0]?.replace(/#\}.*$/, '') ?? '';
    const ids = list
      .split(/[\s,]+/)
      .map((id) => id.trim())
      .filter((id) => /^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(id));
    if (ids.length === 0) continue;
    const set = out.get(target) ?? new Set<string>();
    for (const id of ids) set.add(id);
    out.set(target, set);
  }
  return out;
}

export function isSuppressed(suppressions: Suppressions, line: number, ruleId: string): boolean {
  return suppressions.get(line)?.has(ruleId) === true;
}
