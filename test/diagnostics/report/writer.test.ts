/**
 * The one report writer (issue 15, F6): the output path is checked before any work, an input is
 * never overwritten, links are not followed, the file appears whole (temp file + rename), and an
 * existing file or device is never chmod-ed.
 */
import { execFileSync } from 'node:child_process';
import {
  chmodSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCommand } from 'citty';
import { afterAll, describe, expect, it } from 'vitest';
import { K8sdiagError } from '../../../src/diagnostics/errors';
import { prepareOutput } from '../../../src/diagnostics/report/writer';
import { executeAnalyze } from '../../../src/diagnostics/runner/analyze-dir';
import { ANALYZE_OPTIONS, parseOptions, RUN_OPTIONS } from '../../../src/diagnostics/runner/options';
import { registryCatalog } from '../../../src/diagnostics/runner/registry-catalog';
import { executeRun, type Io } from '../../../src/diagnostics/runner/run';

const dir = mkdtempSync(join(tmpdir(), 'k8sdiag-writer-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const io = (): Io & { text: string } => {
  const state = {
    text: '',
    out(t: string) {
      state.text += t;
    },
    err(t: string) {
      state.text += t;
    },
    stdoutIsTTY: false,
    stderrIsTTY: false,
    env: { HOME: dir },
    cwd: dir,
    version: 'test',
  };
  return state;
};

const errorOf = async (promise: Promise<unknown>): Promise<K8sdiagError> => {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(K8sdiagError);
  return error as K8sdiagError;
};

describe('prepareOutput', () => {
  it('refuses a missing directory, a directory and a link to a file before any work', () => {
    expect(() => prepareOutput('no/such/dir/r.json', dir)).toThrow(/--output cannot be written: ENOENT/);
    expect(() => prepareOutput('.', dir)).toThrow(/--output is a directory/);
    const real = join(dir, 'real.json');
    writeFileSync(real, 'keep');
    symlinkSync(real, join(dir, 'link.json'));
    expect(() => prepareOutput('link.json', dir)).toThrow(/symbolic link/);
    expect(readFileSync(real, 'utf8')).toBe('keep');
  });

  it('writes whole files by rename, keeps an existing mode and leaves no temp file', () => {
    const file = join(dir, 'kept-mode.txt');
    writeFileSync(file, 'old');
    chmodSync(file, 0o600);
    const inode = statSync(file).ino;
    prepareOutput('kept-mode.txt', dir)?.write('new report');
    expect(readFileSync(file, 'utf8')).toBe('new report');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(file).ino).not.toBe(inode); // a new file renamed into place
    expect(readdirSync(dir).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });
});

describe('run and analyze check -o before they start (F6)', () => {
  it('run -o INVENTORY is refused and the inventory is left alone (no node contacted)', async () => {
    const inv = join(dir, 'inv.ini');
    // Port 1 on loopback: a run that started would get "connection refused" and then write.
    const text = '[workers]\nw1 ansible_host=127.0.0.1 ansible_port=1\n';
    writeFileSync(inv, text);
    const { values } = parseOptions(['-i', inv, '-o', 'inv.ini', '--inventory-parser', 'static'], RUN_OPTIONS);
    const out = io();
    const error = await errorOf(executeRun(values, registryCatalog(), out));
    expect([error.exitCode, error.oneLine()]).toEqual([
      2,
      `inv.ini: --output is ${inv}, an input of this command; choose another file`,
    ]);
    expect(readFileSync(inv, 'utf8')).toBe(text);
    expect(out.text).toBe('');
  });

  it('run -o into a missing directory fails with exit 2 before connecting', async () => {
    const { values } = parseOptions(['--host', 'root@127.0.0.1:1', '-o', 'missing/r.json'], RUN_OPTIONS);
    const out = io();
    const error = await errorOf(executeRun(values, registryCatalog(), out));
    expect(error.oneLine()).toMatch(/^missing\/r\.json: --output cannot be written: ENOENT$/);
    expect(out.text).toBe('');
  });

  it('analyze DIR -o DIR/FILE is refused: it would be read as a host next time', async () => {
    const outDir = mkdtempSync(join(dir, 'outs-'));
    writeFileSync(join(outDir, 'node1'), 'no markers\n');
    const { values } = parseOptions(['-o', join(outDir, 'report.json')], ANALYZE_OPTIONS);
    const error = await errorOf(executeAnalyze(outDir, values, registryCatalog(), io()));
    expect(error.message).toMatch(/--output is inside .*which this command reads file by file/);
    expect(readdirSync(outDir)).toEqual(['node1']);
  });
});

describe.skipIf(process.getuid?.() !== 0)('probe-script -o never chmods what is already there (F6)', () => {
  it('a character device keeps its mode (it went 0666 -> 0755) and an existing file its own', async () => {
    const device = join(dir, 'null-device');
    execFileSync('mknod', ['-m', '666', device, 'c', '1', '3']);
    const { default: command } = await import('../../../src/diagnostics/commands/probe-script');
    await runCommand(command, { rawArgs: ['-o', device] });
    expect(statSync(device).mode & 0o777).toBe(0o666);
    expect(statSync(device).isCharacterDevice()).toBe(true);
    const existing = join(dir, 'probe.sh');
    writeFileSync(existing, '');
    chmodSync(existing, 0o640);
    await runCommand(command, { rawArgs: ['-o', existing] });
    expect(statSync(existing).mode & 0o777).toBe(0o640);
    expect(readFileSync(existing, 'utf8')).toMatch(/^#!\/bin\/sh/);
    const fresh = join(dir, 'fresh.sh');
    await runCommand(command, { rawArgs: ['-o', fresh] });
    expect(statSync(fresh).mode & 0o111).not.toBe(0);
  });
});
