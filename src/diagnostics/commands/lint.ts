/**
 * `k8sdiag lint [PATH...]`: reads Vagrantfiles, playbooks, roles, inventories, vars, netplan files,
 * templates and shell scripts, and flags the field log's mistakes before they run.
 * The edge for lint: reads the config file, the TTY and the environment, writes the report.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { defineCommand } from 'citty';
import { EXIT, K8sdiagError } from '../errors';
import { hostArchOf } from '../facts/arch';
import { CONFIG_FILE, defaultConfig, type LintConfig, parseLintConfig } from '../lint/config';
import { failing } from '../lint/engine';
import { isLintWorker, lintPathsParallel, runLintWorker } from '../lint/parallel';
import { FORMATS, REPORTERS } from '../lint/reporters/index';
import { allRules, isRuleId } from '../lint/rules/index';
import type { HostArch } from '../lint/types';
import { docsUrlOf, formatOf, formatOption, langOf, reportColor, SHARED_OPTIONS } from '../options/common';
import { cittyArgs, flag, list, type OptionTable, parseOptions, str } from '../options/table';
import { prepareOutput } from '../report/writer';
import { runbookUrl } from '../runbooks/runbooks';
import { VERSION } from '../version';

const DESCRIPTION = `Lint Vagrantfiles, Ansible playbooks, roles, inventories and vars, netplan YAML,
Jinja templates and shell scripts for the field log's mistakes, before they run.

Exit codes (shared by every k8sdiag command):
  0  no error findings (warnings allowed unless --strict; info never fails)
  1  error findings, or warnings with --strict
  2  bad input: unknown option or rule id, missing path, invalid config
     (file:line), a playbook, task or vars file that is not valid YAML
     (other YAML that does not parse is skipped; -v lists what was skipped)
  70 internal error
ansible-lint uses 2 for "violations found" and 3 for a bad config; k8sdiag
keeps one table for all of its commands (1 = findings, 2 = bad input) so
scripts read \`lint\` and \`run\` the same way. As with ansible-lint, --strict
makes warnings fail.

Config: ${CONFIG_FILE} in the first directory given (or the current
one), or --config FILE:
  ignore: [rule-id, ...]          rules off everywhere
  exclude: ["legacy/**", ...]     gitignore-style globs, relative to the file
  rules: { rule-id: error|warning|info|off }
Inline: "# k8sdiag-disable-line rule-id" on the line,
        "# k8sdiag-disable-next-line rule-id" on the line above.
`;

export const LINT_OPTIONS = {
  format: formatOption(FORMATS, 'Output format (sarif is 2.1.0)'),
  strict: { type: 'boolean', description: 'Warnings fail the run too (exit 1)' },
  'host-arch': {
    type: 'string',
    description: 'Architecture of the machine that runs Vagrant: amd64 | arm64 (default: this machine)',
    valueHint: 'ARCH',
  },
  config: {
    type: 'string',
    description: `Config file (default: ${CONFIG_FILE} in the first path or the current directory)`,
    valueHint: 'FILE',
  },
  'config-lookup': {
    type: 'boolean',
    negatable: true,
    description: `Look for ${CONFIG_FILE} (the default)`,
    negativeDescription: `Do not look for ${CONFIG_FILE}`,
  },
  ignore: {
    type: 'string',
    multiple: true,
    description: 'Switch this rule off (repeatable, or comma-separated)',
    valueHint: 'RULE',
  },
  ...SHARED_OPTIONS,
  verbose: { type: 'boolean', short: 'v', description: 'List skipped files on stderr (CI, Helm charts, docs)' },
  'list-rules': { type: 'boolean', description: 'Print the rules (id, severity, runbook) and exit' },
  jobs: {
    type: 'string',
    description:
      'Worker threads that parse and lint a large tree (default 1; on a shared 2-core machine threads measured slower)',
    valueHint: 'N',
  },
} as const satisfies OptionTable;

function hostArch(value: string | undefined): HostArch {
  if (value !== undefined && value !== '') {
    const arch = hostArchOf(value);
    if (arch === undefined)
      throw new K8sdiagError('E_USAGE', `--host-arch: expected amd64 or arm64 (or x86_64/aarch64), got "${value}"`);
    return arch;
  }
  const fromNode = hostArchOf(process.arch);
  if (fromNode === undefined)
    throw new K8sdiagError('E_USAGE', `cannot tell the host architecture from "${process.arch}"; pass --host-arch`);
  return fromNode;
}

function loadConfig(explicit: string | undefined, lookup: boolean, cwd: string, paths: readonly string[]): LintConfig {
  const candidates: string[] = [];
  if (explicit !== undefined && explicit !== '') {
    const file = resolve(cwd, explicit);
    if (!existsSync(file)) throw new K8sdiagError('E_CONFIG', `config file not found: ${explicit}`);
    candidates.push(file);
  } else if (lookup) {
    const firstDir = paths.map((p) => resolve(cwd, p)).find((p) => existsSync(join(p, CONFIG_FILE)));
    if (firstDir !== undefined) candidates.push(join(firstDir, CONFIG_FILE));
    if (existsSync(join(cwd, CONFIG_FILE))) candidates.push(join(cwd, CONFIG_FILE));
  }
  const file = candidates[0];
  if (file === undefined) return defaultConfig(cwd);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (cause) {
    throw new K8sdiagError('E_CONFIG', `cannot read config: ${(cause as Error).message}`, { file, cause });
  }
  return parseLintConfig(text, file);
}

export default defineCommand({
  meta: { name: 'lint', description: DESCRIPTION },
  args: cittyArgs(LINT_OPTIONS, { name: 'paths', description: 'Files or directories to lint (default: .)' }),
  async run({ rawArgs }) {
    if (isLintWorker()) return runLintWorker();
    const { values, positionals } = parseOptions(rawArgs, LINT_OPTIONS);
    const cwd = process.cwd();
    const { K8SDIAG_DEBUG } = process.env;
    const rules = allRules();
    if (flag(values, 'list-rules')) {
      for (const rule of rules) {
        process.stdout.write(
          `${rule.meta.id.padEnd(28)} ${rule.meta.severity.padEnd(8)} ${rule.meta.runbook.padEnd(26)} ${rule.meta.title}\n`,
        );
      }
      return EXIT.ok;
    }
    const format = formatOf(values, FORMATS);
    const lang = langOf(values);
    const docsUrl = docsUrlOf(values, process.env);
    const paths = positionals.length > 0 ? positionals : ['.'];
    const configFile = str(values, 'config');
    const output = str(values, 'output');
    const sink = prepareOutput(output, cwd, { inputs: [...paths, ...(configFile ? [configFile] : [])] });
    const config = loadConfig(configFile, values['config-lookup'] !== false, cwd, paths);
    const ignore = new Set(config.ignore);
    for (const id of list(values, 'ignore')) {
      if (!isRuleId(id))
        throw new K8sdiagError('E_USAGE', `--ignore: unknown rule id "${id}" (see k8sdiag lint --list-rules)`);
      ignore.add(id);
    }
    // Worker threads start this same file again; that only works from the bundled CLI (plain JS).
    const fromSource = import.meta.url.endsWith('.ts');
    const jobsText = str(values, 'jobs');
    const jobs = jobsText === undefined || jobsText === '' ? 1 : Number(jobsText);
    if (!Number.isInteger(jobs) || jobs < 1)
      throw new K8sdiagError('E_USAGE', `--jobs: expected a whole number >= 1, got "${jobsText}"`);
    if (jobs > 1 && fromSource)
      throw new K8sdiagError('E_USAGE', '--jobs > 1 needs the bundled CLI (npm run build:cli)');
    const started = performance.now();
    const result = await lintPathsParallel(paths, {
      jobs,
      workerUrl: new URL(import.meta.url),
      workerArgv: ['lint'],
      cwd,
      exclude: config.exclude,
      excludeBase: config.base,
      hostArch: hostArch(str(values, 'host-arch')),
      ignore,
      severity: config.severity,
      docsUrl,
      lang,
    });
    if (K8SDIAG_DEBUG === '1') {
      const ms = Math.round(performance.now() - started);
      process.stderr.write(`k8sdiag lint: ${result.files.length} files, ${result.threads} thread(s), ${ms} ms\n`);
    }
    const report = REPORTERS[format](
      {
        findings: result.findings,
        errors: result.errors,
        fileCount: result.files.length,
        rules,
        ruleUrl: (rule) => runbookUrl(rule.meta.runbook, lang, docsUrl),
        toolVersion: VERSION,
        cwd,
        docsUrl,
      },
      { color: reportColor(format, sink !== undefined, process.stdout.isTTY, process.env) },
    );
    if (sink !== undefined) sink.write(report);
    else process.stdout.write(report);
    if (flag(values, 'verbose')) {
      for (const skipped of result.skipped)
        process.stderr.write(`k8sdiag: skipped ${skipped.path}: ${skipped.skipped}\n`);
    }
    for (const error of result.errors) {
      process.stderr.write(`k8sdiag: ${error.path}:${error.line}: ${error.message}\n`);
    }
    if (result.errors.length > 0) return EXIT.usage;
    return failing(result.findings, flag(values, 'strict')) ? EXIT.findings : EXIT.ok;
  },
});
