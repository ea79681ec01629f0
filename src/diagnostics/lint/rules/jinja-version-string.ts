import { keyContext } from '../match';
import { defineRule, type ProjectFacts, type RuleReport } from '../types';
import { isVersionName, PYYAML_FLOAT } from '../vocab';

/** A value that is one Jinja expression and nothing else: `{{ k8s_version }}`, `{{ v | string }}`. */
const WHOLE_EXPRESSION = /^\{\{-?\s*([^{}]*?)\s*-?\}\}$/;
/** `key: {{ expr }}` on a template line (optionally a list item), with nothing after but a comment. */
const TEMPLATE_LINE = /^([ \t]*(?:-[ \t]+)?([A-Za-z0-9_.-]+):[ \t]+)(\{\{-?\s*([^{}]*?)\s*-?\}\})[ \t]*(?:#.*)?$/gm;
/** Keys whose values Ansible never turns into a native type that matters here. */
const TEXT_KEYS = new Set([
  'name',
  'msg',
  'when',
  'that',
  'failed_when',
  'changed_when',
  'until',
  'var',
  'fail_msg',
  'success_msg',
]);

/** The variable an expression reads, when it is a plain (possibly dotted or subscripted) variable. */
function variableOf(expression: string): { name: string; filters: string[] } | undefined {
  const [head, ...filters] = expression.split('|').map((part) => part.trim());
  if (head === undefined || !/^[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*|\[[^\]]+\])*$/.test(head))
    return undefined;
  const last = /([A-Za-z_][A-Za-z0-9_]*)(?:\[['"]?([A-Za-z_][A-Za-z0-9_]*)['"]?\])?$/.exec(head);
  const name = last?.[2] ?? last?.[1];
  if (name === undefined) return undefined;
  return { name, filters: filters.map((f) => f.replace(/\(.*$/, '').trim()) };
}

/**
 * Whether the variable may hold a float-looking text. Unknown variables may; a variable whose every
 * definition is a text that can never be a float (`"1.33.0"`, `"v1.30.0"`) or a template cannot.
 */
function mayBeFloatText(facts: ProjectFacts, name: string): { may: boolean; example: string | undefined } {
  const definitions = facts.vars.get(name);
  if (definitions === undefined || definitions.length === 0) return { may: true, example: undefined };
  for (const definition of definitions) {
    const text = typeof definition.value === 'string' ? definition.value : definition.raw;
    if (typeof definition.value === 'number' || PYYAML_FLOAT.test(text.trim()))
      return { may: true, example: text.trim() };
  }
  return { may: false, example: undefined };
}

export default defineRule({
  meta: {
    id: 'jinja-version-string',
    title: 'Version variable templated where it can turn into a number',
    severity: 'warning',
    runbook: 'yaml-version-float',
    kinds: ['template', 'playbook', 'tasks', 'vars', 'inventory'],
    description:
      'A template line `version: {{ k8s_version }}` renders `version: 1.30`, which the next YAML reader (kubeadm, ' +
      'Ansible, yq) parses as the float 1.3; `| string` does not help there because the rendered text is the same — ' +
      'quote the expression or use `| to_json`. In task and vars files, a value that is a single expression ' +
      '(`"{{ k8s_minor }}"`) becomes a float when ansible.cfg sets jinja2_native = True (checked with ansible-core ' +
      '2.14: "1.20" -> 1.2); there `| string` keeps the text. Variables whose every definition can never be a float ' +
      '(`"1.33.0"`) pass.',
  },
  check(file, ctx) {
    const reports: RuleReport[] = [];
    if (file.kind === 'template') {
      if (!/\.ya?ml$/.test(file.templateTarget ?? '')) return [];
      for (const region of file.regions) {
        TEMPLATE_LINE.lastIndex = 0;
        for (let m = TEMPLATE_LINE.exec(region.text); m !== null; m = TEMPLATE_LINE.exec(region.text)) {
          const key = m[2] as string;
          const variable = variableOf(m[4] as string);
          if (variable === undefined) continue;
          if (!isVersionName(variable.name) && !isVersionName(key)) continue;
          if (
            variable.filters.some((f) =>
              ['to_json', 'to_yaml', 'to_nice_json', 'quote', 'int', 'float', 'bool'].includes(f),
            )
          )
            continue;
          const { may, example } = mayBeFloatText(ctx.facts, variable.name);
          if (!may) continue;
          const start = region.start + m.index + (m[1] as string).length;
          const expression = m[3] as string;
          const value =
            example === undefined
              ? 'a value like 1.30 is read back as the number 1.3'
              : `${example} is read back as the number ${String(Number(example))}`;
          reports.push({
            start,
            end: start + expression.length,
            message: `"${key}: ${expression}" renders an unquoted value: ${value}${
              variable.filters.includes('string') ? ' (| string does not change the rendered text)' : ''
            }; quote it: ${key}: "${expression}"`,
          });
        }
      }
      return reports;
    }
    if (!ctx.facts.jinjaNative) return [];
    for (const region of file.regions) {
      if (region.origin !== 'yaml-scalar') continue;
      const keys = (region.keyPath ?? []).filter((k): k is string => typeof k === 'string');
      const key = keys[keys.length - 1];
      if (key !== undefined && TEXT_KEYS.has(key)) continue;
      const inner = region.text.replace(/^["']|["']$/g, '').trim();
      const m = WHOLE_EXPRESSION.exec(inner);
      if (m === null) continue;
      const variable = variableOf(m[1] as string);
      if (variable === undefined || !isVersionName(variable.name)) continue;
      if (variable.filters.length > 0) continue;
      const { may, example } = mayBeFloatText(ctx.facts, variable.name);
      if (!may) continue;
      const offset = region.text.indexOf('{{');
      reports.push({
        start: region.start + offset,
        end: region.start + offset + inner.length,
        message: `with jinja2_native = True, "${inner}" returns a number when ${variable.name} holds ${example ?? 'a text like "1.30"'} (1.30 -> 1.3)${
          keyContext(region) === '' ? '' : ` in ${keyContext(region)}`
        }; write "{{ ${variable.name} | string }}"`,
      });
    }
    return reports;
  },
});
