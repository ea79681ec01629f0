import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { K8sdiagError } from '../../../src/diagnostics/errors';
import { parseAnsibleInventoryJson } from '../../../src/diagnostics/targets/inventory/ansible-json';
import { loadInventory, parseInventoryStatic } from '../../../src/diagnostics/targets/inventory/index';
import { inventoryTargets } from '../../../src/diagnostics/targets/inventory/model';
import type { Target } from '../../../src/diagnostics/targets/types';

const FIXTURES = join(__dirname, 'fixtures');
const hasAnsible = (() => {
  try {
    execFileSync('ansible-inventory', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

/** What a run uses from a target, comparable across parsers. */
function shape(targets: readonly Target[]): Record<string, unknown> {
  return Object.fromEntries(
    [...targets]
      .sort((a, b) => a.name.localeCompare(b.name))
      .map((t) => [
        t.name,
        {
          host: t.host,
          port: t.port,
          user: t.user,
          keys: t.identityFiles.map((k) => k.path),
          jump: t.jump,
          groups: [...t.groups].sort(),
          roles: t.roles,
          k8sVersion: t.k8sVersion?.value,
        },
      ]),
  );
}

describe('static inventory parser', () => {
  it('reads INI: groups, children, ranges, host:port, inline and group vars, quoting, roles', () => {
    const targets = inventoryTargets(parseInventoryStatic(join(FIXTURES, 'lab.ini')));
    expect(shape(targets)).toEqual({
      'k8s-master': {
        host: '198.51.100.10',
        port: undefined,
        user: 'vagrant',
        keys: ['~/.vagrant.d/insecure_private_key'],
        jump: 'jump@198.51.100.1',
        groups: ['k8s', 'masters'],
        roles: ['control-plane'],
        k8sVersion: '1.30',
      },
      'k8s-worker1': {
        host: 'k8s-worker1',
        port: undefined,
        user: 'ubuntu',
        keys: ['~/.vagrant.d/insecure_private_key'],
        jump: 'jump@198.51.100.1',
        groups: ['k8s', 'workers'],
        roles: ['worker'],
        k8sVersion: undefined,
      },
      'k8s-worker2': expect.objectContaining({ user: 'ubuntu', roles: ['worker'] }),
      'k8s-worker3': expect.objectContaining({ host: '127.0.0.1', port: 2203, keys: ['/keys/worker 3.pem'] }),
    });
    const master = targets.find((t) => t.name === 'k8s-master');
    // `kube_version=1.30` inline is a Python float (1.3) to Ansible: the written form is kept and flagged.
    expect(master?.k8sVersion).toMatchObject({ value: '1.30', yamlNumber: true, origin: { line: 3 } });
    expect(master?.intendedAddress).toBe('198.51.100.10');
    expect(targets.find((t) => t.name === 'k8s-worker3')?.intendedAddress).toBeUndefined(); // loopback forward
    expect(master?.origin).toMatchObject({ line: 3 });
  });

  it('reads YAML: nested children, ranges with vars, host:port keys, YAML floats keep their source text', () => {
    const targets = inventoryTargets(parseInventoryStatic(join(FIXTURES, 'lab.yml')));
    expect(shape(targets)).toEqual({
      cp1: expect.objectContaining({
        host: '198.51.100.20',
        user: 'vagrant',
        roles: ['control-plane'],
        k8sVersion: '1.30',
      }),
      node01: expect.objectContaining({
        host: '198.51.100.21',
        port: 2222,
        keys: ['/keys/node.pem'],
        roles: ['control-plane', 'worker'].slice(1),
      }),
      node02: expect.objectContaining({ port: 2222 }),
      node03: expect.objectContaining({ host: 'node03', port: 2200, groups: ['kube_node'] }),
    });
    expect(targets.find((t) => t.name === 'cp1')?.k8sVersion).toMatchObject({
      value: '1.30',
      yamlNumber: true,
      origin: { line: 10 },
    });
  });

  it('reads group_vars/ and host_vars/ beside the inventory', () => {
    const targets = inventoryTargets(parseInventoryStatic(join(FIXTURES, 'with-vars/hosts.ini')));
    expect(shape(targets)).toEqual({
      cp: expect.objectContaining({
        host: '198.51.100.30',
        user: 'vagrant',
        roles: ['control-plane'],
        k8sVersion: '1.33.2',
      }),
      w1: expect.objectContaining({ host: '198.51.100.31', port: 2201, roles: ['worker'] }),
    });
  });

  it('reads ansible-inventory --list JSON', () => {
    const json = JSON.stringify({
      _meta: { hostvars: { a: { ansible_host: '198.51.100.5', ansible_port: 2222 }, b: {} } },
      all: { children: ['ungrouped', 'masters'] },
      masters: { hosts: ['a'] },
      ungrouped: { hosts: ['b'] },
    });
    expect(shape(inventoryTargets(parseAnsibleInventoryJson(json, 'x')))).toEqual({
      a: expect.objectContaining({ host: '198.51.100.5', port: 2222, roles: ['control-plane'] }),
      b: expect.objectContaining({ host: 'b', roles: ['worker'] }),
    });
  });

  it('accepts a comma-separated host list like ansible -i a,b,', async () => {
    const loaded = await loadInventory('198.51.100.7,198.51.100.8,', 'static');
    expect(loaded.via).toBe('host-list');
    expect(loaded.targets.map((t) => t.host)).toEqual(['198.51.100.7', '198.51.100.8']);
  });
});

describe.skipIf(!hasAnsible)('parity with ansible-inventory (the real Ansible parser)', () => {
  it.each(['lab.ini', 'lab.yml', 'with-vars/hosts.ini'])(
    '%s: same hosts, addresses, ports, users, keys and groups',
    async (name) => {
      const file = join(FIXTURES, name);
      const statics = shape(inventoryTargets(parseInventoryStatic(file)));
      const viaAnsible = await loadInventory(file, 'ansible');
      expect(viaAnsible.via).toBe('ansible-inventory');
      expect(shape(viaAnsible.targets)).toEqual(statics);
    },
  );
});

const BAD: Array<[string, string, number, RegExp]> = [
  ['unclosed-section.ini', '[masters\nm1\n', 1, /Invalid section entry/],
  ['unknown-type.ini', '[a:foo]\nh1\n', 1, /Section \[a:foo\] has unknown type: foo/],
  [
    'bare-word.ini',
    '[a]\nh1 ansible_host=198.51.100.1\nh2 foo\n',
    3,
    /Expected key=value host variable assignment, got: foo/,
  ],
  ['vars-undefined.ini', '[x]\nh\n\n[a:vars]\nk=v\n', 4, /Section \[a:vars\] not valid for undefined group: a/],
  [
    'children-undefined.ini',
    '[k8s:children]\nmasters\nghosts\n\n[masters]\nm\n',
    3,
    /Section \[k8s:children\] includes undefined group: ghosts/,
  ],
  ['range.ini', '[a]\nnode[9:1]\n', 2, /start is after end/],
  ['bad-port.ini', '[a]\nh1 ansible_port=ssh\n', 2, /ansible_port "ssh" is not a port number/],
  ['quote.ini', '[a]\nh1 x="open\n', 2, /No closing quotation/],
  [
    'hosts-list.yml',
    'all:\n  hosts:\n    - a\n    - b\n',
    3,
    /Invalid "hosts" entry for "all" group, requires a dictionary, found "list"/,
  ],
  ['syntax.yml', 'all:\n  hosts:\n    a: [1\n  vars: {}\n', 4, /YAML: /],
];

describe('inventory errors carry the file and line (Ansible agrees they are errors)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'k8sdiag-inv-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  it.each(BAD)('%s', async (name, text, line, message) => {
    const file = join(dir, name);
    writeFileSync(file, text);
    const error = await loadInventory(file, 'static').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(K8sdiagError);
    expect((error as K8sdiagError).file).toBe(file);
    expect((error as K8sdiagError).line).toBe(line);
    expect((error as K8sdiagError).message).toMatch(message);
    expect((error as K8sdiagError).exitCode).toBe(2);
    if (hasAnsible) {
      // With ansible-inventory in the loop the answer is the same error (Ansible refuses these too,
      // except the reversed range, which it reads as no hosts at all).
      const viaAnsible = await loadInventory(file, 'auto').catch((e: unknown) => e);
      expect(viaAnsible).toBeInstanceOf(K8sdiagError);
      expect((viaAnsible as K8sdiagError).line).toBe(line);
    }
  });
});

describe('malformed connection variables are inventory errors, never ignored (issue 15, F14)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'k8sdiag-inv-f14-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const CASES: Array<[string, string, number, RegExp]> = [
    // An empty ansible_host used to make k8sdiag diagnose this machine under the node's name.
    [
      'empty-host.ini',
      '[workers]\nw1 ansible_host=198.51.100.21\nw2 ansible_host=\n',
      3,
      /^w2: ansible_host is empty$/,
    ],
    ['empty-host.yml', 'all:\n  hosts:\n    w1:\n      ansible_host:\n', 4, /^w1: ansible_host is empty$/],
    ['list-host.yml', 'all:\n  hosts:\n    w1:\n      ansible_host: [a, b]\n', 4, /must be a string or number/],
    [
      'spaced-user.yml',
      'all:\n  hosts:\n    w1:\n      ansible_user: "va grant"\n',
      4,
      /ansible_user "va grant" contains whitespace/,
    ],
    [
      'map-port.yml',
      'all:\n  hosts:\n    w1:\n      ansible_port: {a: 1}\n',
      4,
      /ansible_port must be a string or number/,
    ],
  ];
  it.each(CASES)('%s', async (name, text, line, message) => {
    const file = join(dir, name);
    writeFileSync(file, text);
    const error = await loadInventory(file, 'static').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(K8sdiagError);
    expect([(error as K8sdiagError).file, (error as K8sdiagError).line]).toEqual([file, line]);
    expect((error as K8sdiagError).message).toMatch(message);
    expect((error as K8sdiagError).exitCode).toBe(2);
  });
  it('a key path with a space is still fine', async () => {
    const file = join(dir, 'key-space.yml');
    writeFileSync(file, 'all:\n  hosts:\n    w1:\n      ansible_ssh_private_key_file: /home/a b/key\n');
    const loaded = await loadInventory(file, 'static');
    expect(loaded.targets[0]?.identityFiles[0]?.path).toBe('/home/a b/key');
  });
});
