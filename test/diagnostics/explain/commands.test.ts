/**
 * The explain and runbook commands in-process (citty's runCommand), output captured from stdout.
 */
import { runCommand } from 'citty';
import { afterEach, beforeEach, describe, expect, it, type MockInstance, vi } from 'vitest';
import checksCommand from '../../../src/diagnostics/commands/checks';
import explainCommand from '../../../src/diagnostics/commands/explain';
import runbookCommand from '../../../src/diagnostics/commands/runbook';
import { EXIT, K8sdiagError } from '../../../src/diagnostics/errors';
import { RULES } from '../../../src/diagnostics/lint/rules/index';
import { clusterChecks, hostChecks, nodeChecks } from '../../../src/diagnostics/registry';
import { runbooks } from '../../../src/diagnostics/runbooks/runbooks';
import { SITE_URL } from '../../../src/site-url';

let write: MockInstance;
let out = '';

beforeEach(() => {
  out = '';
  write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    return true;
  });
  vi.stubEnv('K8SDIAG_DOCS_URL', '');
  vi.stubEnv('NO_COLOR', '1');
});
afterEach(() => {
  write.mockRestore();
  vi.unstubAllEnvs();
});

async function exec(
  command: typeof explainCommand | typeof runbookCommand | typeof checksCommand,
  rawArgs: string[],
): Promise<unknown> {
  const { result } = await runCommand(command as never, { rawArgs });
  return result;
}

describe('k8sdiag explain', () => {
  const error = 'The connection to the server localhost:8080 was refused - did you specify the right host or port?';

  it('prints title, cause, fix commands and URL, and exits 0', async () => {
    expect(await exec(explainCommand, [error])).toBe(EXIT.ok);
    const entry = runbooks('en').find((e) => e.frontmatter.runbook === 'kubectl-localhost-8080');
    expect(out).toContain(entry?.frontmatter.title);
    expect(out).toContain(entry?.frontmatter.cause);
    for (const command of entry?.frontmatter.fixCommands ?? []) expect(out).toContain(`$ ${command}`);
    expect(out).toContain(`${SITE_URL}/runbooks/kubectl-localhost-8080/`);
    expect(out).not.toContain('\u001b[');
  });

  it('joins unquoted words into one text', async () => {
    expect(await exec(explainCommand, ['connection', 'to', 'the', 'server', 'localhost:8080', 'was', 'refused'])).toBe(
      EXIT.ok,
    );
    expect(out).toContain('kubectl-localhost-8080');
  });

  it('uses --docs-url, then K8SDIAG_DOCS_URL', async () => {
    await exec(explainCommand, [error, '--docs-url', 'https://docs.internal/k8s/']);
    expect(out).toContain('https://docs.internal/k8s/runbooks/kubectl-localhost-8080/');
    out = '';
    vi.stubEnv('K8SDIAG_DOCS_URL', 'http://127.0.0.1:4321');
    await exec(explainCommand, [error]);
    expect(out).toContain('http://127.0.0.1:4321/runbooks/kubectl-localhost-8080/');
  });

  it('prints JSON with --format json', async () => {
    await exec(explainCommand, [error, '--format', 'json']);
    const parsed = JSON.parse(out) as { lang: string; matches: { id: string; url: string; fixCommands: string[] }[] };
    expect(parsed.lang).toBe('en');
    expect(parsed.matches[0]?.id).toBe('kubectl-localhost-8080');
    expect(parsed.matches.length).toBeLessThanOrEqual(3);
  });

  it('answers in Korean with --lang ko', async () => {
    await exec(explainCommand, [error, '--lang', 'ko']);
    const entry = runbooks('ko').find((e) => e.frontmatter.runbook === 'kubectl-localhost-8080');
    expect(out).toContain(entry?.frontmatter.title);
    expect(out).toContain('원인:');
    expect(out).toContain('/ko/runbooks/kubectl-localhost-8080/');
  });

  it('answers a Korean question in Korean without --lang, and --lang still decides', async () => {
    const korean = 'kubectl get nodes 하니까 The connection to the server localhost:8080 was refused 라고 나와요';
    expect(await exec(explainCommand, [korean])).toBe(EXIT.ok);
    expect(out).toContain('/ko/runbooks/kubectl-localhost-8080/');
    out = '';
    expect(await exec(explainCommand, [korean, '--lang', 'en'])).toBe(EXIT.ok);
    expect(out).toContain(`${SITE_URL}/runbooks/kubectl-localhost-8080/`);
  });

  it('says clearly that nothing matched and exits 1', async () => {
    expect(await exec(explainCommand, ['npm ERR! code ENOENT'])).toBe(EXIT.findings);
    expect(out).toContain('No runbook matches this text.');
  });

  it('rejects empty input, bad --lang, bad --docs-url and bad --limit with usage errors (exit 2)', async () => {
    const cases: string[][] = [
      [''],
      [error, '--lang', 'fr'],
      [error, '--docs-url', 'file:///etc'],
      [error, '--limit', '0'],
    ];
    for (const args of cases) {
      const failure = await exec(explainCommand, args).catch((e: unknown) => e);
      expect(failure).toBeInstanceOf(K8sdiagError);
      expect((failure as K8sdiagError).exitCode).toBe(EXIT.usage);
    }
  });
});

describe('k8sdiag runbook', () => {
  it('prints the runbook as text without MDX imports or JSX tags', async () => {
    expect(await exec(runbookCommand, ['kubectl-localhost-8080'])).toBe(EXIT.ok);
    const entry = runbooks('en').find((e) => e.frontmatter.runbook === 'kubectl-localhost-8080');
    expect(out.split('\n')[0]).toBe(entry?.frontmatter.title);
    expect(out).toContain('## Symptom');
    expect(out).not.toMatch(/^import /m);
    expect(out).not.toMatch(/<\/?(Steps|Aside|Tabs|TabItem)\b/);
    expect(out).toContain('The connection to the server localhost:8080 was refused');
  });

  it('lists the runbooks without an id', async () => {
    await exec(runbookCommand, []);
    expect(out.trim().split('\n')).toHaveLength(runbooks('en').length);
  });

  it('rejects an unknown id with exit 2', async () => {
    const failure = await exec(runbookCommand, ['no-such-runbook']).catch((e: unknown) => e);
    expect((failure as K8sdiagError).exitCode).toBe(EXIT.usage);
    expect((failure as K8sdiagError).message).toContain('unknown runbook');
  });
});

describe('k8sdiag checks', () => {
  const registry = [...Object.values(nodeChecks), ...Object.values(hostChecks), ...Object.values(clusterChecks)];

  it('lists every check and lint rule from the registries with its runbook', async () => {
    expect(await exec(checksCommand, [])).toBe(EXIT.ok);
    for (const check of registry)
      expect(out).toMatch(
        new RegExp(`^  ${check.meta.id} +${escapeRegExp(check.meta.title)}  → ${check.meta.runbook}$`, 'm'),
      );
    for (const rule of Object.values(RULES))
      expect(out).toMatch(
        new RegExp(`^  ${rule.meta.id} +${escapeRegExp(rule.meta.title)}  → ${rule.meta.runbook}$`, 'm'),
      );
    expect(out).not.toContain('(missing)');
  });

  it('prints the exact probe commands with --probes', async () => {
    await exec(checksCommand, ['--probes']);
    for (const check of registry)
      for (const probe of check.probes) for (const line of probe.command.split('\n')) expect(out).toContain(line);
  });

  it('gives JSON with runbook URLs in the chosen language', async () => {
    await exec(checksCommand, ['--format', 'json', '--lang', 'ko']);
    const parsed = JSON.parse(out) as {
      checks: { id: string; runbookUrl: string; probes: unknown[] }[];
      rules: { id: string }[];
    };
    expect(parsed.checks.map((c) => c.id).sort()).toEqual(registry.map((c) => c.meta.id).sort());
    expect(parsed.rules.map((r) => r.id).sort()).toEqual(Object.keys(RULES).sort());
    expect(parsed.checks[0]?.runbookUrl).toMatch(
      new RegExp(`^${SITE_URL.replace(/[.]/g, '\\.')}/ko/runbooks/[a-z0-9-]+/$`),
    );
  });
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

describe('k8sdiag explain: pasted text that starts with a dash', () => {
  it('keeps "-bash: ..." as text, with options before or after it', async () => {
    expect(
      await exec(explainCommand, ['-bash: ./keadm: cannot execute binary file: Exec format error', '--format', 'json']),
    ).toBe(EXIT.ok);
    expect((JSON.parse(out) as { matches: { id: string }[] }).matches[0]?.id).toBe('exec-format-error');
    out = '';
    expect(
      await exec(explainCommand, ['--lang=ko', '--', '-bash: ./keadm: cannot execute binary file: Exec format error']),
    ).toBe(EXIT.ok);
    expect(out).toContain('/ko/runbooks/exec-format-error/');
  });
});
