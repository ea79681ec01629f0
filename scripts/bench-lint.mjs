#!/usr/bin/env node
// Benchmark for `k8sdiag lint` (not a test): generates a large Ansible tree with a realistic role
// layout into /tmp, times `k8sdiag lint` on it (median of N runs, one process per run, as a user
// runs it) and Debian's ansible-lint on the same kind of tree, and prints a table.
//
//   npm run bench:lint -- [--roles 1000] [--runs 5] [--jobs 1] [--ansible-lint-roles 40]
//                         [--ansible-lint-full] [--keep]
//
// ansible-lint takes minutes per thousand files, so by default it runs on two smaller trees of the
// same generator (--ansible-lint-roles / 2 and --ansible-lint-roles roles) and its full-tree time is
// extrapolated on the line through those two points (a fixed start-up cost plus a cost per file),
// labelled as such in the table. --ansible-lint-full runs it on the full tree instead.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

function option(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  if (i < 0) return fallback;
  const value = process.argv[i + 1];
  return value === undefined || value.startsWith('--') ? true : value;
}
const ROLES = Number(option('roles', 1000));
const RUNS = Number(option('runs', 5));
const AL_ROLES = Number(option('ansible-lint-roles', 40));
const JOBS = String(option('jobs', 1));
const AL_FULL = option('ansible-lint-full', false) === true;
const KEEP = option('keep', false) === true;

// Deterministic pseudo-random numbers so every run lints the same tree.
function rng(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const PACKAGES = [
  'curl',
  'jq',
  'chrony',
  'nfs-common',
  'socat',
  'conntrack',
  'ipset',
  'ipvsadm',
  'ethtool',
  'ebtables',
  'rsync',
  'unzip',
  'git',
  'htop',
  'lvm2',
];
const SERVICES = ['chrony', 'containerd', 'kubelet', 'rsyslog', 'cron', 'ssh'];

function roleFiles(index, random) {
  const name = `role_${String(index).padStart(4, '0')}`;
  const pick = (list) => list[Math.floor(random() * list.length)];
  const version = `${1 + Math.floor(random() * 3)}.${Math.floor(random() * 30)}.${Math.floor(random() * 10)}`;
  const mistakes = random() < 0.05;
  const tasks = [
    '---',
    `- name: Refresh apt cache for ${name}`,
    '  ansible.builtin.apt:',
    '    update_cache: true',
    '    cache_valid_time: 3600',
    '',
    `- name: Install packages for ${name}`,
    '  ansible.builtin.apt:',
    '    name:',
    ...Array.from({ length: 3 + Math.floor(random() * 4) }, () => `      - ${pick(PACKAGES)}`),
    '    state: present',
    '',
    `- name: Create ${name} directories`,
    '  ansible.builtin.file:',
    `    path: "/etc/${name}/{{ item }}"`,
    '    state: directory',
    '    mode: "0755"',
    '  loop:',
    '    - conf.d',
    '    - certs',
    '',
    `- name: Render ${name} configuration`,
    '  ansible.builtin.template:',
    `    src: ${name}.conf.j2`,
    `    dest: /etc/${name}/${name}.conf`,
    '    owner: root',
    '    group: root',
    '    mode: "0644"',
    `  notify: restart ${name}`,
    '',
    `- name: Download ${name} release`,
    '  ansible.builtin.get_url:',
    mistakes
      ? `    url: "https://example.invalid/${name}/v{{ ${name}_version }}/${name}-linux-amd64.tar.gz"`
      : `    url: "https://example.invalid/${name}/v{{ ${name}_version }}/${name}-linux-{{ arch_map[ansible_architecture] }}.tar.gz"`,
    `    dest: /tmp/${name}.tar.gz`,
    '    mode: "0644"',
    '',
    `- name: Configure sysctl for ${name}`,
    '  ansible.posix.sysctl:',
    `    name: net.ipv4.conf.all.${pick(['rp_filter', 'forwarding', 'arp_ignore'])}`,
    `    value: "${Math.floor(random() * 2)}"`,
    '    state: present',
    '',
    `- name: Include ${name} install steps`,
    '  ansible.builtin.include_tasks: install.yml',
    '',
    `- name: Check ${name} health`,
    `  ansible.builtin.command: systemctl is-active ${pick(SERVICES)}`,
    '  register: health',
    '  changed_when: false',
    '  failed_when: false',
    '',
    `- name: Enable ${name} service`,
    '  ansible.builtin.service:',
    `    name: ${pick(SERVICES)}`,
    '    state: started',
    '    enabled: true',
    '  when: health.rc != 0',
    '',
  ].join('\n');
  const install = [
    '---',
    `- name: Unpack ${name}`,
    '  ansible.builtin.unarchive:',
    `    src: /tmp/${name}.tar.gz`,
    '    dest: /usr/local/bin',
    '    remote_src: true',
    '',
    `- name: Write ${name} environment`,
    '  ansible.builtin.lineinfile:',
    `    path: /etc/default/${name}`,
    `    regexp: "^${name.toUpperCase()}_OPTS="`,
    `    line: "${name.toUpperCase()}_OPTS=--log-level=info"`,
    '    create: true',
    '    mode: "0644"',
    '',
    `- name: Run ${name} setup`,
    '  ansible.builtin.shell: |',
    `    set -o pipefail`,
    `    /usr/local/bin/${name} --version | tee /var/log/${name}-version.log`,
    mistakes ? `    iptables -F` : `    iptables -C INPUT -p tcp --dport 22 -j ACCEPT || true`,
    '  args:',
    '    executable: /bin/bash',
    `    creates: /var/log/${name}-version.log`,
    '',
  ].join('\n');
  const handlers = [
    '---',
    `- name: restart ${name}`,
    '  ansible.builtin.service:',
    `    name: ${pick(SERVICES)}`,
    '    state: restarted',
    '',
  ].join('\n');
  const defaults = [
    '---',
    `${name}_version: ${mistakes ? '1.20' : `"${version}"`}`,
    `${name}_port: ${8000 + index}`,
    `${name}_enabled: true`,
    `${name}_log_level: info`,
    `${name}_extra_args: []`,
    '',
  ].join('\n');
  const vars = [
    '---',
    `${name}_config_dir: /etc/${name}`,
    `${name}_user: ${name.replace('_', '')}`,
    `${name}_packages: []`,
    '',
  ].join('\n');
  const meta = [
    '---',
    'galaxy_info:',
    `  role_name: ${name}`,
    '  author: bench',
    `  description: Generated role ${name}`,
    '  license: MIT',
    '  min_ansible_version: "2.14"',
    '  platforms:',
    '    - name: Ubuntu',
    '      versions:',
    '        - jammy',
    'dependencies: []',
    '',
  ].join('\n');
  return {
    [`roles/${name}/tasks/main.yml`]: tasks,
    [`roles/${name}/tasks/install.yml`]: install,
    [`roles/${name}/handlers/main.yml`]: handlers,
    [`roles/${name}/defaults/main.yml`]: defaults,
    [`roles/${name}/vars/main.yml`]: vars,
    [`roles/${name}/meta/main.yml`]: meta,
    [`roles/${name}/templates/${name}.conf.j2`]: `# {{ ansible_managed }}\nport = {{ ${name}_port }}\nlog_level = {{ ${name}_log_level }}\n`,
  };
}

/** Writes a tree with `roles` roles; returns its folder and its count of YAML files. */
function generate(roles, into) {
  mkdirSync(into, { recursive: true });
  const random = rng(roles * 7919);
  const files = {
    'ansible.cfg': '[defaults]\ninventory = inventory/hosts.ini\nroles_path = roles\n',
    'inventory/hosts.ini': '[k8s]\nnode1 ansible_host=192.168.56.10\nnode2 ansible_host=192.168.56.11\n',
    'group_vars/all.yml': '---\narch_map:\n  x86_64: amd64\n  aarch64: arm64\nk8s_version: "1.30.4"\n',
  };
  const perPlaybook = 50;
  for (let i = 0; i < roles; i++) Object.assign(files, roleFiles(i, random));
  for (let p = 0; p * perPlaybook < roles; p++) {
    const names = Array.from(
      { length: Math.min(perPlaybook, roles - p * perPlaybook) },
      (_, k) => `role_${String(p * perPlaybook + k).padStart(4, '0')}`,
    );
    files[`playbooks/site-${String(p).padStart(3, '0')}.yml`] = [
      '---',
      `- name: Site part ${p}`,
      '  hosts: k8s',
      '  become: true',
      '  roles:',
      ...names.map((n) => `    - ${n}`),
      '',
    ].join('\n');
  }
  let yaml = 0;
  for (const [path, text] of Object.entries(files)) {
    const abs = join(into, path);
    mkdirSync(dirname(abs), { recursive: true });
    writeFileSync(abs, text);
    if (/\.ya?ml$/.test(path)) yaml++;
  }
  return { dir: into, yaml, total: Object.keys(files).length };
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function time(command, args, cwd) {
  const start = process.hrtime.bigint();
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (result.error) throw result.error;
  return { seconds, status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/**
 * The CLI to time: src/diagnostics/cli.ts (the entry `npm run build:cli` bundles) bundled fresh with
 * esbuild, so the numbers are for the current source and not for whatever build/ holds. The other
 * subcommands are lazy imports and stay out of this bundle (they may be unfinished in a work tree).
 */
async function lintCli(work) {
  const { build } = await import('esbuild');
  const outfile = join(work, 'k8sdiag.mjs');
  await build({
    entryPoints: [join(root, 'src/diagnostics/cli.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    outfile,
    external: ['cpu-features', '*.node'],
    plugins: [
      {
        name: 'other-commands',
        setup(b) {
          b.onResolve({ filter: /^\.\/[a-z-]+$/ }, (a) =>
            /commands[\\/]index\.ts$/.test(a.importer) && a.path !== './lint'
              ? { path: a.path, external: true }
              : undefined,
          );
        },
      },
    ],
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
    // As scripts/build-cli.mjs: the version is frozen in (the bundle runs from /tmp, without package.json).
    define: {
      __K8SDIAG_VERSION__: JSON.stringify(
        JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).version,
      ),
    },
    logLevel: 'error',
  });
  return { argv: [outfile, 'lint'], label: 'src/diagnostics/cli.ts bundled with esbuild' };
}

const work = mkdtempSync(join(tmpdir(), 'k8sdiag-bench-'));
try {
  const full = generate(ROLES, join(work, 'tree'));
  console.log(`generated ${full.total} files (${full.yaml} YAML) with ${ROLES} roles in ${full.dir}`);
  const cli = await lintCli(work);
  console.log(`k8sdiag: ${cli.label} on ${process.execPath} (${process.version})`);

  // One warm-up run (file cache), then the timed runs.
  const lintArgs = [...cli.argv, '--format', 'json', '--host-arch', 'amd64', '--jobs', JOBS, '.'];
  const warm = time(process.execPath, lintArgs, full.dir);
  const report = JSON.parse(warm.stdout);
  console.log(
    `k8sdiag: exit ${warm.status}, read ${report.summary.files} files (roles' meta/ is not linted), ${report.findings.length} findings, --jobs ${JOBS}`,
  );
  const ours = [];
  for (let i = 0; i < RUNS; i++) ours.push(time(process.execPath, lintArgs, full.dir).seconds);
  const oursMedian = median(ours);

  let alVersion = '';
  try {
    alVersion = execFileSync('ansible-lint', ['--version', '--nocolor'], { encoding: 'utf8' }).split('\n')[0] ?? '';
  } catch {
    alVersion = '';
  }
  let al;
  if (alVersion !== '') {
    console.log(`ansible-lint: ${alVersion.trim()}`);
    const runAnsibleLint = (tree) => {
      // ansible-lint 6.13 given "." lints only the playbook it auto-detects (1 file); name the folders.
      const r = time(
        'ansible-lint',
        ['--offline', '--nocolor', '-q', '-p', 'roles', 'playbooks', 'group_vars', 'inventory'],
        tree.dir,
      );
      console.log(`ansible-lint: ${r.seconds.toFixed(1)} s, exit ${r.status}, on ${tree.yaml} YAML files`);
      return r.seconds;
    };
    if (AL_FULL) {
      const seconds = runAnsibleLint(full);
      al = { seconds, points: [[full.yaml, seconds]] };
    } else {
      const small = generate(Math.max(1, Math.floor(AL_ROLES / 2)), join(work, 'tree-ansible-lint-small'));
      const large = generate(AL_ROLES, join(work, 'tree-ansible-lint'));
      const t1 = runAnsibleLint(small);
      const t2 = runAnsibleLint(large);
      const perFile = (t2 - t1) / (large.yaml - small.yaml);
      const startup = Math.max(0, t1 - perFile * small.yaml);
      al = {
        seconds: startup + perFile * full.yaml,
        perFile,
        startup,
        points: [
          [small.yaml, t1],
          [large.yaml, t2],
        ],
      };
    }
  } else {
    console.log('ansible-lint: not installed (scripts/setup-system.sh installs it); no comparison');
  }

  const rows = [['tool', 'YAML files', 'wall s', 'runs', 'files/s', 'ratio']];
  rows.push([
    `k8sdiag lint (median of ${RUNS})`,
    String(full.yaml),
    oursMedian.toFixed(2),
    String(RUNS),
    (full.yaml / oursMedian).toFixed(0),
    '1x',
  ]);
  if (al !== undefined) {
    for (const [files, seconds] of al.points) {
      const ratio = AL_FULL ? `${(seconds / oursMedian).toFixed(0)}x slower` : '';
      rows.push([
        'ansible-lint (measured)',
        String(files),
        seconds.toFixed(1),
        '1',
        (files / seconds).toFixed(1),
        ratio,
      ]);
    }
    if (!AL_FULL) {
      rows.push([
        'ansible-lint (extrapolated)',
        String(full.yaml),
        `~${al.seconds.toFixed(0)}`,
        '-',
        (full.yaml / al.seconds).toFixed(1),
        `${(al.seconds / oursMedian).toFixed(0)}x slower`,
      ]);
    }
  }
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  console.log('');
  for (const [i, row] of rows.entries()) {
    console.log(row.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  '));
    if (i === 0) console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  }
  console.log('');
  console.log(`k8sdiag runs (s): ${ours.map((s) => s.toFixed(2)).join(' ')}`);
  const ratio = al === undefined ? undefined : al.seconds / oursMedian;
  const ratioText = ratio === undefined ? 'not measured' : `${ratio >= 20 ? 'met' : 'NOT met'} (${ratio.toFixed(0)}x)`;
  console.log(
    `target: ${full.yaml} YAML files in under 3 s -> ${oursMedian < 3 ? 'met' : 'NOT met'}; >= 20x faster than ansible-lint -> ${ratioText}`,
  );
  if (al !== undefined && !AL_FULL) {
    console.log(
      `note: ansible-lint ran on ${al.points.map(([n]) => n).join(' and ')} files of the same generator; its ${full.yaml}-file time is extrapolated as ${al.startup.toFixed(1)} s + ${(al.perFile * 1000).toFixed(0)} ms per file.`,
    );
  }
} finally {
  if (KEEP) console.log(`kept ${work}`);
  else rmSync(work, { recursive: true, force: true });
}
