/**
 * `ansible-inventory -i X --list` output: `_meta.hostvars` (group vars already merged) plus one
 * object per group with `hosts` and `children`. Used for full fidelity when Ansible is installed
 * (plugins, group_vars/host_vars, vault-less templates as written).
 */
import { execFile } from 'node:child_process';
import { K8sdiagError } from '../../errors';
import { childEnv } from '../child-env';
import { emptyInventory, group, host, type Inventory } from './model';

interface AnsibleListGroup {
  hosts?: unknown;
  children?: unknown;
}

const strings = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];

export function parseAnsibleInventoryJson(json: string, file: string): Inventory {
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch (error) {
    throw new K8sdiagError('E_INVENTORY', `ansible-inventory printed invalid JSON: ${(error as Error).message}`, {
      file,
    });
  }
  if (typeof data !== 'object' || data === null)
    throw new K8sdiagError('E_INVENTORY', 'ansible-inventory printed no inventory', { file });
  const inv = emptyInventory(file);
  const record = data as Record<string, unknown>;
  const meta = record['_meta'] as { hostvars?: Record<string, Record<string, unknown>> } | undefined;
  for (const [name, vars] of Object.entries(meta?.hostvars ?? {})) {
    const h = host(inv, name, { file });
    for (const [k, v] of Object.entries(vars ?? {})) h.vars.set(k, { value: v, origin: { file } });
  }
  for (const [name, value] of Object.entries(record)) {
    if (name === '_meta' || typeof value !== 'object' || value === null) continue;
    const g = group(inv, name, { file });
    const entry = value as AnsibleListGroup;
    for (const h of strings(entry.hosts)) {
      g.hosts.add(h);
      host(inv, h, { file });
    }
    for (const c of strings(entry.children)) {
      g.children.add(c);
      group(inv, c, { file });
    }
  }
  return inv;
}

/** Runs ansible-inventory; resolves undefined when it is not installed. */
export function runAnsibleInventory(
  file: string,
  timeoutMs = 60_000,
): Promise<{ ok: true; json: string } | { ok: false; error: string } | undefined> {
  return new Promise((resolve) => {
    execFile(
      'ansible-inventory',
      ['-i', file, '--list'],
      {
        timeout: timeoutMs,
        maxBuffer: 64 * 1024 * 1024,
        env: childEnv({
          ANSIBLE_INVENTORY_UNPARSED_FAILED: 'true',
          ANSIBLE_NOCOLOR: '1',
          ANSIBLE_FORCE_COLOR: '0',
        }),
      },
      (error, stdout, stderr) => {
        if (error && (error as NodeJS.ErrnoException).code === 'ENOENT') {
          resolve(undefined);
          return;
        }
        if (error) {
          const lines = stderr
            .split('\n')
            .map((l) => l.trim())
            .filter(Boolean);
          const useful =
            lines.find((l) => /^\/|:[0-9]+:/.test(l)) ?? lines.find((l) => l.startsWith('ERROR')) ?? error.message;
          resolve({ ok: false, error: useful });
          return;
        }
        resolve({ ok: true, json: stdout });
      },
    );
  });
}
