import { Scalar } from 'yaml';
import { iniText } from '../ini';
import { defineRule, type RuleReport } from '../types';
import { floatChange, isVersionName } from '../vocab';
import { nodeRange, walkScalars } from '../yaml-util';

/** The nearest key name on a path (a list item takes its list's key). */
function nearestKey(path: readonly (string | number)[]): string | undefined {
  for (let i = path.length - 1; i >= 0; i--) {
    const part = path[i];
    if (typeof part === 'string') return part;
  }
  return undefined;
}

/**
 * Metadata that states a requirement rather than naming a package, image or tag to fetch: Galaxy's
 * `galaxy_info` (`min_ansible_version: 2.9`), `min_*` / `max_*` bounds. A float there that prints back
 * unchanged is read as the same version (ansible-galaxy compares str() of it); only a change of text
 * (2.10 -> 2.1) is a mistake.
 */
function requirementField(path: readonly (string | number)[], key: string | undefined): boolean {
  return path.includes('galaxy_info') || (key !== undefined && /^(?:min|max)_/i.test(key));
}

/** Looks like a version whose trailing zero matters: 1.20, 3.10, 1.30 (major >= 1). */
const VERSION_WITH_TRAILING_ZERO = /^[1-9][0-9]*\.[0-9]*0$/;

export default defineRule({
  meta: {
    id: 'yaml-version-float',
    title: 'Unquoted version that YAML reads as a float',
    severity: 'error',
    runbook: 'yaml-version-float',
    kinds: ['playbook', 'tasks', 'vars', 'inventory', 'yaml'],
    description:
      'Ansible reads YAML with PyYAML (YAML 1.1): an unquoted `1.20` is the float 1.2 and `1.30` is 1.3, so ' +
      '`kubeadm={{ k8s_version }}` asks for a package that does not exist. Flags plain scalars that PyYAML resolves ' +
      'to a float whose printed text differs (error), and float values of version/tag keys even when the text ' +
      'survives (`3.0`, `1.33`: warning) except in requirement metadata (Galaxy `galaxy_info`, `min_*`/`max_*`), where ' +
      'a version that prints back unchanged means the same. In an INI inventory, host-line values are Python literals even when ' +
      'quoted. Quoted strings and three-part versions (`1.33.0`, always a string) pass.',
  },
  check(file) {
    const reports: RuleReport[] = [];
    for (const doc of file.yaml ?? []) {
      walkScalars(doc.contents, ({ node, path, isKey }) => {
        if (isKey || node.type !== Scalar.PLAIN || typeof node.value === 'boolean' || node.value === null) return;
        const range = nodeRange(node);
        if (range === undefined) return;
        // PyYAML decides, not the yaml package: test the source text against PyYAML's float pattern.
        const source = file.text.slice(range[0], range[1]);
        const change = floatChange(source);
        if (change === undefined) return;
        const key = nearestKey(path);
        const versionKey = isVersionName(key);
        const where = key === undefined ? source : `${key}: ${source}`;
        if (change.changes && (versionKey || VERSION_WITH_TRAILING_ZERO.test(source))) {
          reports.push({
            start: range[0],
            end: range[1],
            message: `${where} is read by Ansible (YAML 1.1) as the float ${change.floatText}; quote it: "${source}"`,
            ...(versionKey ? {} : { severity: 'warning' as const }),
          });
        } else if (versionKey && !requirementField(path, key)) {
          reports.push({
            start: range[0],
            end: range[1],
            severity: 'warning',
            message: `${where} is a float, not the string "${source}" (a version with a trailing zero would lose it); quote it`,
          });
        }
      });
    }
    for (const v of file.ini) {
      const { text, quoted } = iniText(v.raw);
      if (quoted && v.scope === 'group') continue;
      const change = floatChange(text);
      if (change === undefined) continue;
      const versionKey = isVersionName(v.key);
      if (!change.changes && !versionKey) continue;
      if (change.changes && !versionKey && !VERSION_WITH_TRAILING_ZERO.test(text)) continue;
      const how =
        v.scope === 'host'
          ? `host-line INI values are Python literals${quoted ? ', quotes or not' : ''}`
          : 'unquoted [group:vars] INI values are Python literals';
      reports.push({
        start: v.start,
        end: v.end,
        ...(change.changes && versionKey ? {} : { severity: 'warning' as const }),
        message: `${v.key}=${v.raw} becomes the float ${change.floatText} (${how}); ${
          v.scope === 'host' ? 'move it to group_vars/host_vars YAML and quote it' : `quote it: ${v.key}="${text}"`
        }`,
      });
    }
    return reports;
  },
});
