// biome-ignore-all lint/suspicious/noControlCharactersInRegex: these tests look for control characters
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildReport, exitCodeFor, type NodeOutcome } from '../../../src/diagnostics/report/build';
import { reporters } from '../../../src/diagnostics/report/reporters/index';
import { escapeMarkdown, markdownFence, oneLine, stripControl } from '../../../src/diagnostics/report/sanitize';
import { reportJsonSchema, reportSchema } from '../../../src/diagnostics/report/schema';
import { HOSTILE, node, sampleInput, sampleReport } from './fixtures';

const root = join(__dirname, '../../..');

describe('report schema', () => {
  it('validates a built report and counts findings and nodes', () => {
    const report = sampleReport();
    expect(reportSchema.safeParse(report).success).toBe(true);
    expect(report.schemaVersion).toBe(1);
    expect(report.summary.findings).toEqual({ pass: 1, warn: 1, fail: 2, skip: 1, error: 1 });
    expect(report.summary.nodes).toMatchObject({ total: 2, ok: 1, unreachable: 1 });
    expect(report.nodes[0]?.findings[0]?.runbookUrl).toBe('https://docs.example/runbooks/duplicate-default-route/');
    expect(report.nodes[0]?.findings[0]?.title).toBe('One default route');
    expect(report.summary.exitCode).toBe(3);
  });

  it('links Korean runbooks with --lang ko', () => {
    const ko = buildReport({ ...sampleInput(), lang: 'ko' });
    expect(ko.nodes[0]?.findings[0]?.runbookUrl).toBe('https://docs.example/ko/runbooks/duplicate-default-route/');
  });

  it('refuses a report that breaks its own schema (a bug, exit 70)', () => {
    expect(() =>
      buildReport({
        ...{
          version: '0',
          runId: 'x',
          startedAt: new Date(),
          finishedAt: new Date(),
          collector: 'ssh',
          docsUrl: 'https://d.example',
          lang: 'en',
        },
        strict: false,
        ignored: [],
        targetsFrom: [],
        nodes: [node({ port: 70000 })],
        cluster: [],
        meta: new Map(),
        warnings: [],
      }),
    ).toThrow(/report does not match its schema at nodes.0.port/);
  });

  it('public/report.schema.json is the current export (run `node scripts/write-report-schema.mjs`)', () => {
    const committed = JSON.parse(readFileSync(join(root, 'public/report.schema.json'), 'utf8'));
    expect(committed).toEqual(JSON.parse(JSON.stringify(reportJsonSchema())));
  });

  it('the exported JSON Schema accepts the report (checked by ajv, an independent validator)', async () => {
    const { default: Ajv2020 } = (await import('ajv/dist/2020')) as unknown as {
      default: new (o: object) => { compile(s: object): ((d: unknown) => boolean) & { errors?: unknown } };
    };
    const ajv = new Ajv2020({ strict: false, allErrors: true, logger: false });
    const validate = ajv.compile(reportJsonSchema());
    const ok = validate(JSON.parse(reporters.json(sampleReport({ hostile: true }), { color: false, verbose: false })));
    expect(validate.errors ?? null).toBeNull();
    expect(ok).toBe(true);
    expect(validate({ ...sampleReport(), schemaVersion: 2 })).toBe(false);
  });
});

describe('exit codes', () => {
  it.each([
    [['ok'], ['pass'], false, 0],
    [['ok'], ['warn'], false, 0],
    [['ok'], ['warn'], true, 1],
    [['ok'], ['error'], true, 1],
    [['ok'], ['fail'], false, 1],
    [['ok', 'timeout'], ['pass'], false, 3],
    [['host-key-refused'], ['fail'], false, 3],
  ] as const)('nodes %j findings %j strict=%s -> %i', (statuses, findings, strict, code) => {
    expect(
      exitCodeFor(
        statuses,
        findings.map((status) => ({ status })),
        strict,
      ),
    ).toBe(code);
  });
});

describe('sanitising remote text', () => {
  it('strips whole escape sequences, controls and bidi overrides', () => {
    expect(stripControl('\u001b[31mred\u001b[0m \u001b]0;t\u0007x \u202eabc\u202c \u0000\u0007\u007f\u0085ok')).toBe(
      'red x abc ok',
    );
    expect(oneLine('a\nb\r\nc\td')).toBe('a b c d');
  });
  it('escapes Markdown so text cannot become links, tables or HTML', () => {
    const escaped = escapeMarkdown('[x](http://e) | <b> `c` *e*');
    expect(escaped).toBe('\\[x\\]\\(http://e\\) \\| \\<b\\> \\`c\\` \\*e\\*');
  });
  it('picks a fence longer than any backtick run in the content', () => {
    const fenced = markdownFence(['a ````` b']);
    expect(fenced.startsWith('``````text\n')).toBe(true);
    expect(fenced.endsWith('\n``````')).toBe(true);
  });
});

describe('reporters', () => {
  const hostile = sampleReport({ hostile: true });

  it('text: grouped by node, no control characters from remote text, colour only when asked', () => {
    const plain = reporters.text(hostile, { color: false, verbose: false });
    expect(plain).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e]/);
    expect(plain).toContain('cp1  198.51.100.10:22  control-plane');
    expect(plain).toContain('FAIL   duplicate-default-route');
    expect(plain).toContain('runbook: https://docs.example/runbooks/duplicate-default-route/');
    expect(plain).toContain('UNREACHABLE');
    expect(plain).toContain('exit 3: some nodes were not reached');
    expect(plain).toContain('1 passed');
    const coloured = reporters.text(sampleReport(), { color: true, verbose: true });
    expect(coloured).toContain('\u001b[');
    expect(stripControl(coloured)).toContain('PASS   kubelet-inactive');
  });

  it('markdown: escaped text, evidence in a fence it cannot close, percent-encoded links', () => {
    const md = reporters.markdown(hostile, { color: false, verbose: false });
    // Outside code fences no remote text can form a link or a tag.
    const outside = md.replace(/^( *)(`{3,})text\n[\s\S]*?\n\1\2$/gm, '');
    expect(outside).not.toContain('](javascript:');
    expect(outside).not.toContain('<injected/>');
    // Inside, the fence is longer than the ``` the node sent, so that cannot close it.
    expect(md).toContain('  ````text\n  red title evil');
    expect(md).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e]/);
    expect(md).toContain('| Node | Address | Roles | Status | Fail | Warn |');
    expect(md).toContain('([runbook](https://docs.example/runbooks/duplicate-default-route/))');
    // Every table row has exactly the 7 pipes of 6 columns: escaped pipes do not count.
    for (const row of md.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| Node'))) {
      expect(row.replace(/\\\|/g, '').split('|').length - 1).toBe(7);
    }
  });

  it('junit: well-formed XML (parsed by Python), failures, errors, skips, unreached nodes', () => {
    const xml = reporters.junit(hostile, { color: false, verbose: false });
    const summary = execFileSync(
      'python3',
      [
        '-c',
        'import sys,xml.dom.minidom as m; d=m.parseString(sys.stdin.buffer.read()); r=d.documentElement; print(r.getAttribute("tests"), r.getAttribute("failures"), r.getAttribute("errors"), r.getAttribute("skipped"), len(d.getElementsByTagName("testsuite")))',
      ],
      { input: xml, encoding: 'utf8' },
    ).trim();
    // cp1: 5 checks (1 fail, 1 error, 1 skip); w1: 1 connect error; cluster: 1 fail
    expect(summary).toBe('7 2 2 1 3');
    expect(xml).not.toContain('<injected/>');
    const strict = reporters.junit(sampleReport({ strict: true }), { color: false, verbose: false });
    expect(strict).toContain('<failure type="warn"');
  });

  it('json: the validated report, nothing added', () => {
    const json = JSON.parse(reporters.json(hostile, { color: false, verbose: false }));
    expect(reportSchema.parse(json)).toEqual(hostile);
    expect(json.nodes[0].findings[0].message).toBe(HOSTILE);
  });

  it('json (F8): C1 controls, bidi overrides and line separators are \\u escapes, the data unchanged', () => {
    const text = reporters.json(hostile, { color: false, verbose: false });
    expect(text).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2028\u2029\u2066-\u2069]/);
    expect(text).toContain('\\u202eevil\\u202c');
    expect(text).toContain('c1\\u0085');
    expect(JSON.parse(text).nodes[0].findings[0].message).toBe(HOSTILE);
  });
});

describe('one bad node never costs the others their results (issue 15, F4)', () => {
  it('a node with non-finite durations or off-schema data is degraded alone; the report still builds', () => {
    const input = sampleInput();
    const good = input.nodes[0] as NodeOutcome;
    const section = {
      command: 'true',
      exitCode: 0,
      stdout: '',
      stderr: '',
      timedOut: false,
      truncated: false,
      skipped: false,
      durationMs: Number.NaN,
    };
    const report = buildReport({
      ...input,
      nodes: [
        good,
        node({ name: 'inf', durationMs: Number.POSITIVE_INFINITY, sections: { a: section } }),
        node({ name: 'odd', sections: { a: { ...section, durationMs: 1, exitCode: 1.5 } } }),
      ],
    });
    expect(report.nodes.map((n) => [n.name, n.status])).toEqual([
      [good.name, 'ok'],
      ['inf', 'ok'],
      ['odd', 'error'],
    ]);
    expect(report.nodes[1]?.durationMs).toBe(0);
    expect(report.nodes[1]?.sections?.['a']?.durationMs).toBe(0);
    expect(report.nodes[2]?.reason).toMatch(/^this node's results were dropped: .*sections\.a\.exitCode/);
    expect(report.nodes[0]?.findings).toEqual(buildReport(input).nodes[0]?.findings);
    expect(report.summary.exitCode).toBe(3);
  });
});
