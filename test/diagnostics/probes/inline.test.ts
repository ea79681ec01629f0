/**
 * One home per probe: no check (node, host or cluster) defines a probe command inline; every probe
 * a check runs is the very object a module of src/diagnostics/probes/ exports, next to its parser.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { clusterChecks, hostChecks, nodeChecks } from '../../../src/diagnostics/registry';
import { definedProbes } from './modules';

const ROOT = join(import.meta.dirname, '../../..');
const CHECK_DIRS = ['src/diagnostics/checks', 'src/diagnostics/cluster'];

/** 1-based lines of `source` that give an object a `command` property: a probe defined in place. */
function inlineCommandLines(source: string): number[] {
  return source.split('\n').flatMap((line, index) => (/(^|[{,\s])['"]?command['"]?\s*:/.test(line) ? [index + 1] : []));
}

function tsFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
    .map((entry) => relative(ROOT, join(entry.parentPath, entry.name)))
    .sort();
}

describe('probes: no check defines a probe inline', () => {
  it('finds a planted inline probe and leaves an imported one alone', () => {
    const planted = [
      "import { ipForwardProbe } from '../probes/ip-forward';",
      'export default defineCheck({',
      '  probes: [ipForwardProbe, { name: "x", command: "cat /proc/x" }],',
      '  probes2: [',
      '    {',
      "      'command': ['echo hi'].join('\\n'),",
      '    },',
      '  ],',
      '});',
    ].join('\n');
    expect(inlineCommandLines(planted)).toEqual([3, 6]);
    expect(
      inlineCommandLines("import { aptListsProbe } from '../probes/apt-lists';\nprobes: [aptListsProbe],"),
    ).toEqual([]);
  });

  it('no file of checks/ or cluster/ has a `command:` property', () => {
    const files = CHECK_DIRS.flatMap(tsFiles);
    expect(files.length).toBeGreaterThan(20);
    const found = files.flatMap((file) =>
      inlineCommandLines(readFileSync(join(ROOT, file), 'utf8')).map((line) => `${file}:${line}`),
    );
    expect(found).toEqual([]);
  });

  it('every probe a check runs is exported by a module of probes/', async () => {
    const defined = new Set(await definedProbes());
    const checks = [...Object.values(nodeChecks), ...Object.values(hostChecks), ...Object.values(clusterChecks)];
    const foreign = checks.flatMap((check) =>
      check.probes.filter((probe) => !defined.has(probe)).map((probe) => `${check.meta.id}: ${probe.name}`),
    );
    expect(checks.length).toBeGreaterThan(20);
    expect(foreign).toEqual([]);
  });
});
