/**
 * The one options layer: every command parses its table the same way, `lint` validates the docs URL
 * like `run`, and an unwritable -o is exit 2 before any work in every command that has -o.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type CommandDef, runCommand } from 'citty';
import { afterAll, afterEach, beforeEach, describe, expect, it, type MockInstance, vi } from 'vitest';
import analyzeCommand from '../../../src/diagnostics/commands/analyze';
import lintCommand from '../../../src/diagnostics/commands/lint';
import probeScriptCommand from '../../../src/diagnostics/commands/probe-script';
import runCommandDef from '../../../src/diagnostics/commands/run';
import { EXIT, K8sdiagError } from '../../../src/diagnostics/errors';
import { reportColor } from '../../../src/diagnostics/options/common';
import { parseOptions, splitFreeText } from '../../../src/diagnostics/options/table';

const work = mkdtempSync(join(tmpdir(), 'k8sdiag-options-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

let out = '';
let write: MockInstance;
beforeEach(() => {
  out = '';
  write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    return true;
  });
});
afterEach(() => write.mockRestore());

async function failure(command: CommandDef, rawArgs: string[]): Promise<K8sdiagError> {
  try {
    await runCommand(command as never, { rawArgs });
  } catch (error) {
    if (error instanceof K8sdiagError) return error;
    throw error;
  }
  throw new Error(`expected ${rawArgs.join(' ')} to fail`);
}

describe('an unwritable -o', () => {
  const missingDir = join(work, 'no-such-dir', 'report.txt');
  it.each([
    ['run', runCommandDef as CommandDef, ['--host', 'nobody@192.0.2.1', '-o', missingDir]],
    ['analyze', analyzeCommand as CommandDef, [work, '-o', missingDir]],
    ['lint', lintCommand as CommandDef, [work, '-o', missingDir]],
    ['probe-script', probeScriptCommand as CommandDef, ['-o', missingDir]],
  ])('is exit 2 in %s, before any output', async (_name, command, args) => {
    const error = await failure(command, args);
    expect(error.exitCode).toBe(EXIT.usage);
    expect(error.message).toMatch(/^--output/);
    expect(out).toBe('');
  });
});

describe('lint resolves the shared options like run', () => {
  it('rejects a docs URL that is not http(s)', async () => {
    const error = await failure(lintCommand as CommandDef, ['--docs-url', 'ftp://docs.example', work]);
    expect([error.exitCode, error.message]).toEqual([
      EXIT.usage,
      '--docs-url: only http(s) URLs are allowed, got "ftp:"',
    ]);
  });

  it('rejects an unknown option and an unknown language', async () => {
    expect((await failure(lintCommand as CommandDef, ['--no-such-option', work])).exitCode).toBe(EXIT.usage);
    expect((await failure(lintCommand as CommandDef, ['--lang', 'fr', work])).message).toBe(
      'unknown language "fr"; use one of: en, ko',
    );
  });

  it('colours text on a terminal only, never into a file, and honours NO_COLOR and FORCE_COLOR', () => {
    expect(reportColor('text', false, true, {})).toBe(true);
    expect(reportColor('text', true, true, {})).toBe(false);
    expect(reportColor('json', false, true, {})).toBe(false);
    expect(reportColor('text', false, true, { NO_COLOR: '1' })).toBe(false);
    expect(reportColor('text', false, false, { FORCE_COLOR: '1' })).toBe(true);
    expect(reportColor('text', false, true, { TERM: 'dumb' })).toBe(false);
  });
});

describe('the option table parser', () => {
  const table = {
    lookup: { type: 'boolean', negatable: true, description: 'x' },
    lang: { type: 'string', description: 'x' },
  } as const;

  it('turns --no-NAME into false for a negatable boolean', () => {
    expect(parseOptions(['--no-lookup'], table).values).toEqual({ lookup: false });
    expect(parseOptions(['--lookup'], table).values).toEqual({ lookup: true });
  });

  it('keeps pasted text that starts with a dash as text, and takes the known options out', () => {
    expect(splitFreeText(['-bash:', './kubeadm:', '--lang', 'ko', '--', '--lang'], table)).toEqual({
      text: ['-bash:', './kubeadm:', '--lang'],
      optionArgs: ['--lang', 'ko'],
    });
  });
});
