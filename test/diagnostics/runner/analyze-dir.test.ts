/**
 * `analyze` input handling. Fixtures are real captures (this machine, Ansible 2.14 and
 * parallel-ssh 2.3 against a closed port on 127.0.0.1): fixtures/ansible-tree/node9 is what
 * `ansible all -m script -t DIR` writes for an unreachable host; fixtures/pssh-err/* is what
 * `parallel-ssh -e DIR` writes for one (its -o file does not exist at all).
 * The successful paths run for real in test/diagnostics/e2e (ansible -t and parallel-ssh -o).
 */
import { closeSync, ftruncateSync, mkdtempSync, openSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { K8sdiagError } from '../../../src/diagnostics/errors';
import {
  readErrorDir,
  readOutputDir,
  readSavedOutput,
  statusFromSshError,
} from '../../../src/diagnostics/runner/analyze-dir';

const FIXTURES = join(__dirname, 'fixtures');
const dir = mkdtempSync(join(tmpdir(), 'k8sdiag-analyze-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('collected outputs', () => {
  it('reads an Ansible tree file for an unreachable host', () => {
    const saved = readSavedOutput(join(FIXTURES, 'ansible-tree/node9'), 'node9');
    expect(saved).toMatchObject({
      format: 'ansible',
      status: 'unreachable',
      reason:
        'ansible: Failed to connect to the host via ssh: ssh: connect to host 127.0.0.1 port 1: Connection refused',
    });
  });

  it('turns parallel-ssh error files into node statuses', () => {
    const failed = readErrorDir(join(FIXTURES, 'pssh-err'), []);
    expect(failed).toEqual([
      expect.objectContaining({
        host: 'root@127.0.0.1:1',
        status: 'unreachable',
        reason: 'parallel-ssh: ssh: connect to host 127.0.0.1 port 1: Connection refused',
      }),
    ]);
    expect(statusFromSshError('root@198.51.100.9: Permission denied (publickey).')).toBe('auth-failed');
    expect(statusFromSshError('@    WARNING: REMOTE HOST IDENTIFICATION HAS CHANGED!     @')).toBe('host-key-refused');
    expect(statusFromSshError('ssh: connect to host 198.51.100.9 port 22: Connection timed out')).toBe('timeout');
  });

  it('reads Ansible stdout with CRLF line ends (script module under a pty) as plain lines', () => {
    const file = join(dir, 'crlf');
    const stdout = '\r\n@@K8SDIAG 0123456789abcdef0123456789abcdef H 1 uid=0 timeout=k root=yes plan=x\r\n';
    writeFileSync(file, JSON.stringify({ changed: true, rc: 0, stdout, stderr: '' }));
    const saved = readSavedOutput(file, 'h');
    expect(saved.status).toBe('ok');
    expect(saved.output.toString()).toBe(
      '\n@@K8SDIAG 0123456789abcdef0123456789abcdef H 1 uid=0 timeout=k root=yes plan=x\n',
    );
  });

  it('an empty directory is bad input (exit 2)', () => {
    const empty = mkdtempSync(join(dir, 'empty-'));
    expect(() => readOutputDir(empty)).toThrow(K8sdiagError);
    expect(() => readOutputDir(join(dir, 'missing'))).toThrow(/not a directory of collected outputs/);
  });
});

describe('odd files in the directories k8sdiag reads (issue 15, F7)', () => {
  it('a broken symbolic link, a link loop and a 600 MB file are per-host errors; the other hosts are read', () => {
    const out = mkdtempSync(join(dir, 'f7-'));
    writeFileSync(join(out, 'good'), 'plain output\n');
    symlinkSync(join(out, 'missing'), join(out, 'broken'));
    symlinkSync(join(out, 'loop-b'), join(out, 'loop-a'));
    symlinkSync(join(out, 'loop-a'), join(out, 'loop-b'));
    // Sparse: 600 MB long, no disk used, and never read.
    const fd = openSync(join(out, 'huge'), 'w');
    ftruncateSync(fd, 600 * 1024 * 1024);
    closeSync(fd);
    const before = process.memoryUsage().rss;
    const outputs = readOutputDir(out);
    expect(process.memoryUsage().rss - before).toBeLessThan(200 * 1024 * 1024); // a count of bytes, not a time
    const by = Object.fromEntries(outputs.map((o) => [o.host, [o.status, o.reason ?? '']]));
    expect(by['good']).toEqual(['ok', '']);
    expect(by['broken']).toEqual(['error', 'this output file is a broken symbolic link (its target does not exist)']);
    expect(by['loop-a']).toEqual(['error', 'this output file is a symbolic link loop']);
    expect(by['huge']).toEqual(['error', 'this output file is 600 MiB, more than the 64 MiB k8sdiag reads']);
  });

  it('a directory inventory with a broken link or a huge file is exit 2 naming the file', async () => {
    const { loadInventory } = await import('../../../src/diagnostics/targets/inventory/index');
    const inv = mkdtempSync(join(dir, 'f7-inv-'));
    writeFileSync(join(inv, 'hosts.ini'), '[workers]\nw1 ansible_host=198.51.100.21\n');
    symlinkSync(join(inv, 'gone.ini'), join(inv, 'link.ini'));
    const error = await loadInventory(inv, 'static').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(K8sdiagError);
    expect((error as K8sdiagError).exitCode).toBe(2);
    expect((error as K8sdiagError).oneLine()).toBe(
      `${join(inv, 'link.ini')}: this inventory file is a broken symbolic link (its target does not exist)`,
    );
    rmSync(join(inv, 'link.ini'));
    const fd = openSync(join(inv, 'big.ini'), 'w');
    ftruncateSync(fd, 600 * 1024 * 1024);
    closeSync(fd);
    const big = await loadInventory(inv, 'static').catch((e: unknown) => e);
    expect((big as K8sdiagError).oneLine()).toBe(
      `${join(inv, 'big.ini')}: this inventory file is 600 MiB, more than the 16 MiB k8sdiag reads`,
    );
  });
});
