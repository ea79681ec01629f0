// biome-ignore-all lint/suspicious/noTemplateCurlyInString: dpkg-query formats use ${...}
/**
 * k8s-versions reads /var/lib/dpkg/status with awk instead of running dpkg-query (issue 16): its
 * `pkg` lines must be what dpkg-query prints, and where the awk cannot be sure it exits 1 so that
 * dpkg-query runs. Each status file below is given to both, dpkg-query through --admindir.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { k8sVersionsProbe } from '../../../src/diagnostics/probes/versions';

const FORMAT = 'pkg ${Package} ${Version} ${db:Status-Abbrev}\\n';
const HAS_DPKG = existsSync('/usr/bin/dpkg-query') && existsSync('/var/lib/dpkg/status');

const stanza = (name: string, status: string, version: string, extra = ''): string =>
  `Package: ${name}\nStatus: ${status}\nPriority: optional\nArchitecture: amd64\nVersion: ${version}\n${extra}Description: ${name}\n continued text naming kubectl\n`;
const OTHER = stanza('zlib1g', 'install ok installed', '1:1.2.13', 'Conffiles:\n /etc/kubelet x\n');
const NAMES_KUBECTL = stanza(
  'google-cloud-cli',
  'install ok installed',
  '528.0.0-0',
  'Depends: python3\nSuggests: google-cloud-cli-kubectl-oidc,\n kubectl\n',
);

/** Status files: [name, text, awk prints (true) or hands over to dpkg-query (false)]. */
const CASES: [string, string, boolean][] = [
  ['no Kubernetes package, none named', OTHER, true],
  [
    'kubeadm named on the first line of Pre-Depends, kubelet in Conflicts with an architecture',
    [OTHER, stanza('y', 'install ok installed', '2', 'Pre-Depends: kubeadm\nConflicts: foo, kubelet:any\n')].join('\n'),
    true,
  ],
  ['kubectl named only in a Suggests continuation line', [OTHER, NAMES_KUBECTL].join('\n'), true],
  [
    'kubelet named in Provides with a version',
    [OTHER, stanza('x', 'install ok installed', '1', 'Provides: kubelet (= 1)\n')].join('\n'),
    true,
  ],
  [
    'all three installed, kubelet on hold',
    [
      stanza('kubeadm', 'install ok installed', '1.33.0-1.1'),
      stanza('kubectl', 'install ok installed', '1:528.0.0-0'),
      stanza('kubelet', 'hold ok installed', '1.33.0-1.1', 'Depends: kubernetes-cni (>= 1.2)\n'),
    ].join('\n'),
    true,
  ],
  ['kubeadm removed, its config kept', stanza('kubeadm', 'deinstall ok config-files', '1.33.0-1.1'), false],
  ['kubeadm half-configured', stanza('kubeadm', 'install ok half-configured', '1.33.0-1.1'), false],
  ['an epoch 0', stanza('kubeadm', 'install ok installed', '0:1.33.0-1.1'), false],
  [
    'two architectures of kubectl',
    [
      stanza('kubectl', 'install ok installed', '1.33.0-1.1'),
      stanza('kubectl', 'install ok installed', '1.33.0-1.1').replace('amd64', 'arm64'),
    ].join('\n'),
    false,
  ],
];

const root = mkdtempSync(join(tmpdir(), 'k8sdiag-dpkg-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** The probe's dpkg part, pointed at DIR (status, updates) and dpkg-query told the same. */
function dpkgPart(dir: string): string {
  const lines = k8sVersionsProbe.command.split('\n');
  const from = lines.findIndex((line) => line.startsWith('if command -v dpkg-query'));
  return lines
    .slice(from, -1)
    .join('\n')
    .replaceAll('/var/lib/dpkg/', `${dir}/`)
    .replace('dpkg-query -W', `dpkg-query --admindir=${dir} -W`);
}

function awkOf(): string {
  const match = /awk '([^']*)'/.exec(k8sVersionsProbe.command);
  if (!match?.[1]) throw new Error('no awk program in the probe');
  return match[1];
}

describe.skipIf(!HAS_DPKG)('k8s-versions: the dpkg status read by awk', () => {
  const shells = [
    ['dash', '/bin/dash'],
    ['bash --posix', '/bin/bash', '--norc', '--posix'],
    ['busybox sh', '/usr/bin/busybox', 'sh'],
  ].filter(([, file]) => existsSync(file as string));
  const statuses: [string, string, boolean | undefined][] = [
    ...CASES,
    ['this machine', readFileSync('/var/lib/dpkg/status', 'utf8'), undefined],
  ];

  it.each(statuses)('%s: the same lines as dpkg-query', (name, text, awkPrints) => {
    const dir = join(root, name.replace(/\W+/g, '-'));
    mkdirSync(join(dir, 'updates'), { recursive: true });
    mkdirSync(join(dir, 'info'), { recursive: true });
    writeFileSync(join(dir, 'status'), text);
    const dpkg = spawnSync('dpkg-query', [`--admindir=${dir}`, '-W', `-f=${FORMAT}`, 'kubeadm', 'kubelet', 'kubectl'], {
      encoding: 'utf8',
    }).stdout;
    const awk = spawnSync('awk', [awkOf(), join(dir, 'status')], { encoding: 'utf8' });
    if (awkPrints !== undefined) expect(awk.status === 0).toBe(awkPrints);
    if (awk.status === 0) expect(awk.stdout).toBe(dpkg);
    for (const other of [['/usr/bin/busybox', 'awk'], ['/usr/bin/gawk']].filter(([file]) =>
      existsSync(file as string),
    )) {
      const [file, ...args] = other as [string, ...string[]];
      const run = spawnSync(file, [...args, awkOf(), join(dir, 'status')], { encoding: 'utf8' });
      expect({ status: run.status, stdout: run.stdout }, file).toEqual({ status: awk.status, stdout: awk.stdout });
    }
    for (const [, file, ...args] of shells) {
      const out = spawnSync(file as string, [...(args as string[]), '-c', dpkgPart(dir)], {
        encoding: 'utf8',
        env: { PATH: '/usr/bin:/bin', LC_ALL: 'C' },
      });
      expect(out.stdout, `${file} ${args.join(' ')} ${out.stderr}`).toBe(dpkg);
    }
  });

  it('hands over to dpkg-query while an update is pending', () => {
    const dir = join(root, 'pending');
    mkdirSync(join(dir, 'updates'), { recursive: true });
    writeFileSync(join(dir, 'status'), OTHER);
    writeFileSync(join(dir, 'updates', '0001'), stanza('kubeadm', 'install ok installed', '1.33.0-1.1'));
    const out = spawnSync('/bin/sh', ['-c', dpkgPart(dir)], {
      encoding: 'utf8',
      env: { PATH: '/usr/bin:/bin' },
    }).stdout;
    expect(out).toBe('pkg kubeadm 1.33.0-1.1 ii \n');
  });
});
