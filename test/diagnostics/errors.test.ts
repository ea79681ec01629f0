/**
 * Issue 15, F13: an error is one line on stderr, and terminal escapes from local input (file
 * names, values read from files, library messages) never reach the terminal raw.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { describeError, K8sdiagError } from '../../src/diagnostics/errors';
import { loadInventory } from '../../src/diagnostics/targets/inventory/index';
import { loadSshConfig } from '../../src/diagnostics/targets/ssh-config';

const dir = mkdtempSync(join(tmpdir(), 'k8sdiag-errors-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// biome-ignore lint/suspicious/noControlCharactersInRegex: looking for control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e]/;

const line = async (fn: () => unknown): Promise<string> => {
  try {
    await fn();
  } catch (error) {
    return describeError(error).line;
  }
  throw new Error('no error');
};

describe('describeError', () => {
  it('a file name with escapes and a message with newlines become one plain line', () => {
    const error = new K8sdiagError('E_INPUT', 'first\nsecond\r\nthird\u001b]0;owned\u0007', {
      file: 'inv\u001b[31m.ini\u202e',
      line: 3,
    });
    const out = describeError(error);
    expect(out).toEqual({ line: 'inv.ini:3: first second third', code: 2 });
  });

  it('real parse errors from local files stay on one line without control characters', async () => {
    const yaml = join(dir, 'bad\u001b[2J.yml');
    writeFileSync(yaml, 'all:\n  hosts:\n    a: [\n');
    const ssh = join(dir, 'ssh.conf');
    writeFileSync(ssh, 'Host x\n  Port "1\n');
    const alias = join(dir, 'alias.conf');
    writeFileSync(alias, 'Host x\n  HostKeyAlias "a\u001b[31mb"\n');
    for (const fn of [
      () => loadInventory(yaml, 'static'),
      () => loadSshConfig(ssh),
      () => loadSshConfig(alias),
      () => {
        throw new Error('internal\nmulti-line \u009b31m');
      },
    ]) {
      const text = await line(fn);
      expect(text).not.toMatch(CONTROL);
      expect(text.split('\n')).toHaveLength(1);
      expect(text.length).toBeGreaterThan(10);
    }
  });
});
