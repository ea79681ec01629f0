#!/usr/bin/env node
/**
 * `npm run new:runbook -- <id> [--check ID] [--rule ID] [--layer vm|provisioning|cluster] [--dry-run]`
 *
 * Scaffolds failure #N+1: both language pages with valid frontmatter and the six sections, a node
 * check and a lint rule (one file each), their tests, and the id in the runbook schema and the two
 * registries. Every placeholder carries the marker TODO(new:runbook); test/scaffold.test.ts fails
 * while any is left, and the parity tests name what is still missing, so `npm test` is the to-do list.
 * Writes all files or none: everything is checked before the first write.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const MARK = 'TODO(new:runbook)';
const KEBAB = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const LAYERS = ['vm', 'provisioning', 'cluster'];

const HELP = `Usage: npm run new:runbook -- <id> [options]

Scaffolds a new failure: en + ko runbook pages, a node check, a lint rule,
their tests, and the id in the schema and registries.

Options:
  --check ID     node check id (default: <id>)
  --rule ID      lint rule id (default: <id>)
  --layer L      vm | provisioning | cluster (default: cluster)
  --dry-run      print the files it would write, write nothing
  -h, --help     this help

Then run npm test: it lists every ${MARK} left to fill in.
`;

function fail(message) {
  process.stderr.write(`new:runbook: ${message}\n`);
  process.exit(2);
}

function read(path) {
  return readFileSync(join(ROOT, path), 'utf8');
}

/** Inserts `line` into the sorted block of lines matching `pattern` (first to last match). */
function insertSorted(text, pattern, line, file) {
  const lines = text.split('\n');
  const at = lines.flatMap((l, i) => (pattern.test(l) ? [i] : []));
  if (at.length === 0) fail(`${file}: found no line to insert after (pattern ${pattern})`);
  const first = at[0];
  const last = at[at.length - 1];
  let index = last + 1;
  for (let i = first; i <= last; i += 1) {
    if (pattern.test(lines[i]) && lines[i].localeCompare(line) > 0) {
      index = i;
      break;
    }
  }
  lines.splice(index, 0, line);
  return lines.join('\n');
}

function camel(id) {
  return id.replace(/-([a-z0-9])/g, (_m, c) => c.toUpperCase());
}

function nextProblem() {
  const dir = join(ROOT, 'src/content/docs/runbooks');
  let max = 0;
  for (const name of readdirSync(dir)) {
    const match = /^problem:\s*(\d+)\s*$/m.exec(readFileSync(join(dir, name), 'utf8'));
    if (match) max = Math.max(max, Number(match[1]));
  }
  return max + 1;
}

function page(lang, o) {
  const ko = lang === 'ko';
  const heads = ko
    ? ['증상', '확인하기', '근본 원인', '해결', '왜 이런 일이 생기나', '예방']
    : ['Symptom', 'Confirm it', 'Root cause', 'Fix', 'Why it happens', 'Prevent it'];
  const todo = (en, kr) => `${MARK} ${ko ? kr : en}`;
  return `---
title: "${todo('one line: what the user sees', '사용자가 보는 현상 한 줄')}"
description: "${todo('two sentences: the symptom and the cause', '두 문장: 증상과 원인')}"
runbook: ${o.id}
problem: ${o.problem}
layer: ${o.layer}
tools: [kubeadm]
symptoms:
  - "${todo('a symptom as a user would describe it', '사용자가 설명하는 증상')}"
signatures:
  - "${todo('an exact error line users paste', '사용자가 붙여 넣는 정확한 오류 줄')}"
cause: "${todo('one sentence: the root cause', '한 문장: 근본 원인')}"
fixCommands: []
related: []
---

import { Steps } from '@astrojs/starlight/components';

## ${heads[0]}

${todo('the exact error text, in a code block with a title', '정확한 오류 메시지를 제목 붙은 코드 블록으로')}

## ${heads[1]}

\`\`\`sh title="k8sdiag"
k8sdiag run -i inventory.ini
\`\`\`

## ${heads[2]}

${todo('the root cause in a paragraph', '근본 원인을 한 단락으로')}

## ${heads[3]}

<Steps>

1. ${todo('first step, with a command that is idempotent and stops on failure', '첫 단계: 다시 실행해도 안전하고 실패하면 멈추는 명령')}

</Steps>

## ${heads[4]}

${todo('background facts, each with its upstream source', '배경 사실과 각각의 출처')}

## ${heads[5]}

\`\`\`sh title="k8sdiag"
k8sdiag lint .
\`\`\`
`;
}

function checkFile(o) {
  return `/**
 * ${MARK}: what this check detects on a node, and why it matters (one paragraph).
 */
import { type CheckSpecMeta, defineCheck } from './support/define';

const meta: CheckSpecMeta = {
  id: '${o.check}',
  title: '${MARK} the healthy state, as a sentence',
  runbook: '${o.id}',
  severity: 'error',
  roles: ['control-plane', 'worker'],
};

const PROBE = '${o.check}';

export default defineCheck({
  meta,
  probes: [
    {
      name: PROBE,
      // ${MARK}: a read-only command (see probes/blocks.ts for the rules), ending in an end marker.
      command: 'echo "### end"',
    },
  ],
  analyze: ({ r, open }) => {
    const gate = open(PROBE);
    if (!gate.ok) return [gate.finding];
    // ${MARK}: parse gate.value.lines and return pass / fail findings with evidence and a fix.
    return [r.error('${MARK}: analyzer not written yet')];
  },
});
`;
}

function ruleFile(o) {
  return `import { defineRule, type RuleReport } from '../types';

export default defineRule({
  meta: {
    id: '${o.rule}',
    title: '${MARK} the mistake, as a noun phrase',
    severity: 'warning',
    runbook: '${o.id}',
    kinds: ['playbook', 'tasks', 'shell', 'vagrantfile', 'template'],
    description: '${MARK}: what the rule flags, why it breaks a cluster, and what to write instead.',
  },
  check(_file) {
    const reports: RuleReport[] = [];
    // ${MARK}: walk file.tasks / file.shell / file.yaml and push { start, end, message }.
    return reports;
  },
});
`;
}

function failingTest(kind, importPath, id) {
  return `import { expect, it } from 'vitest';
import subject from '${importPath}';

// ${MARK}: replace this file with a valid/invalid table (see the other ${kind} tests).
it('${id} has real test cases', () => {
  expect(subject.meta.id).toBe('${id}');
  expect.fail('scaffolded by npm run new:runbook: write the valid/invalid cases${kind === 'check' ? ' from real captured output (test/fixtures/README.md)' : ''}');
});
`;
}

function plan(o) {
  const files = new Map();
  const add = (path, text) => {
    if (existsSync(join(ROOT, path))) fail(`${path} already exists; nothing written`);
    files.set(path, text);
  };
  add(`src/content/docs/runbooks/${o.id}.mdx`, page('en', o));
  add(`src/content/docs/ko/runbooks/${o.id}.mdx`, page('ko', o));
  add(`src/diagnostics/checks/${o.check}.ts`, checkFile(o));
  add(
    `test/diagnostics/checks/${o.check}.test.ts`,
    failingTest('check', `../../../src/diagnostics/checks/${o.check}`, o.check),
  );
  add(`src/diagnostics/lint/rules/${o.rule}.ts`, ruleFile(o));
  add(
    `test/diagnostics/lint/rules/${o.rule}.test.ts`,
    failingTest('rule', `../../../../src/diagnostics/lint/rules/${o.rule}`, o.rule),
  );

  const schemaPath = 'src/content/runbook-schema.ts';
  const schema = read(schemaPath);
  const ids = /export const RUNBOOK_IDS = \[\n([\s\S]*?)\] as const;/.exec(schema);
  if (!ids) fail(`${schemaPath}: RUNBOOK_IDS not found`);
  if (ids[1].includes(`'${o.id}'`)) fail(`runbook id "${o.id}" already exists`);
  files.set(schemaPath, schema.replace(ids[0], `export const RUNBOOK_IDS = [\n${ids[1]}  '${o.id}',\n] as const;`));

  const registryPath = 'src/diagnostics/registry.ts';
  let registry = read(registryPath);
  if (registry.includes(`'${o.check}':`)) fail(`check id "${o.check}" already exists`);
  registry = insertSorted(
    registry,
    /^import \w+ from '\.\/checks\//,
    `import ${camel(o.check)} from './checks/${o.check}';`,
    registryPath,
  );
  registry = insertSorted(registry, /^ {2}'[a-z0-9-]+': \w+,$/, `  '${o.check}': ${camel(o.check)},`, registryPath);
  files.set(registryPath, registry);

  const rulesPath = 'src/diagnostics/lint/rules/index.ts';
  let rules = read(rulesPath);
  if (rules.includes(`'${o.rule}':`)) fail(`lint rule id "${o.rule}" already exists`);
  rules = insertSorted(
    rules,
    /^import \w+ from '\.\/[a-z0-9-]+';$/,
    `import ${camel(o.rule)} from './${o.rule}';`,
    rulesPath,
  );
  rules = insertSorted(rules, /^ {2}'[a-z0-9-]+': \w+,$/, `  '${o.rule}': ${camel(o.rule)},`, rulesPath);
  files.set(rulesPath, rules);
  return files;
}

function main() {
  let parsed;
  try {
    parsed = parseArgs({
      allowPositionals: true,
      options: {
        check: { type: 'string' },
        rule: { type: 'string' },
        layer: { type: 'string', default: 'cluster' },
        'dry-run': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    fail(`${error.message} (see --help)`);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    process.stdout.write(HELP);
    return;
  }
  if (positionals.length !== 1) fail('give exactly one runbook id, e.g. npm run new:runbook -- my-new-failure');
  const id = positionals[0];
  const o = { id, check: values.check ?? id, rule: values.rule ?? id, layer: values.layer, problem: nextProblem() };
  for (const [what, value] of [
    ['runbook id', o.id],
    ['check id', o.check],
    ['rule id', o.rule],
  ]) {
    if (!KEBAB.test(value)) fail(`${what} "${value}" must be kebab-case (a-z, 0-9, -)`);
  }
  if (!LAYERS.includes(o.layer)) fail(`--layer must be one of ${LAYERS.join(', ')}`);
  const files = plan(o);
  for (const [path, text] of files) {
    if (!values['dry-run']) writeFileSync(join(ROOT, path), text);
    process.stdout.write(`${values['dry-run'] ? 'would write' : 'wrote'} ${relative(ROOT, join(ROOT, path))}\n`);
  }
  process.stdout.write(
    `\nFailure #${o.problem} "${o.id}" scaffolded. Run npm test: every ${MARK} left is listed, and the\n` +
      'parity tests name what is still missing. See docs/adding-a-failure.md.\n',
  );
}

main();
