/**
 * Installed Kubernetes versions differ from the version the inventory asks for (or from each
 * other), or the pkgs.k8s.io source is pinned to another minor release. The field log's case:
 * `k8s_version: 1.30` unquoted in YAML is the float 1.3, and the repository path becomes v1.3.
 */

import { aptSourcesProbe, isPkgsK8sIo, parseAptSourcesProbe, pkgsK8sIoMinor } from '../probes/apt';
import {
  type BinaryInfo,
  formatVersion,
  k8sVersionsProbe,
  minorDiff,
  packageK8sVersion,
  parseVersion,
  parseVersionsProbe,
  type Version,
} from '../probes/versions';
import { type CheckSpecMeta, defineCheck } from './support/define';
import { type Problem, unexpected, worstOf } from './support/findings';

const meta: CheckSpecMeta = {
  id: 'k8s-version-mismatch',
  title: 'Installed Kubernetes versions match the expected version',
  titleKo: '설치된 쿠버네티스 버전이 기대한 버전과 같다',
  runbook: 'yaml-version-float',
  severity: 'error',
  roles: ['control-plane', 'worker'],
};

/** The oldest minor release pkgs.k8s.io has a repository for. */
const PKGS_OLDEST_MINOR = 24;

const FIX =
  'quote versions in YAML ("1.30", not 1.30) and use {{ k8s_version | string }} in templates; then install the same version of kubeadm, kubelet and kubectl (apt-get install kubeadm=<v>-* kubelet=<v>-* kubectl=<v>-*)';

function sameRelease(a: Version, b: Version): boolean {
  return (
    a.major === b.major &&
    a.minor === b.minor &&
    (a.patch === undefined || b.patch === undefined || a.patch === b.patch)
  );
}

export default defineCheck({
  meta,
  probes: [k8sVersionsProbe, aptSourcesProbe],
  analyze: ({ r, sections, context, open }) => {
    const gate = open(k8sVersionsProbe.name);
    if (!gate.ok) return [gate.finding];
    const parsed = parseVersionsProbe(gate.value.lines);
    if (!parsed.ok) return [unexpected(r, k8sVersionsProbe.name, parsed.what, parsed.line, parsed.no)];
    const { binaries, packages } = parsed.value;

    let expected: Version | undefined;
    if (context.expectedK8sVersion !== undefined) {
      expected = parseVersion(context.expectedK8sVersion);
      if (expected === undefined) {
        return [
          r.error(`the expected Kubernetes version "${context.expectedK8sVersion}" is not a version (x.y or x.y.z)`),
        ];
      }
    }

    const problems: Problem[] = [];
    const evidence: string[] = [];
    const present = binaries.filter((binary) => binary.present);
    for (const binary of present) evidence.push(`${binary.component} at ${binary.path}: ${binary.output}`);
    for (const pkg of packages) evidence.push(`package ${pkg.name} ${pkg.version} ${pkg.status}`.trim());

    const versioned = present.filter(
      (binary): binary is BinaryInfo & { version: Version } => binary.version !== undefined,
    );
    for (const binary of present) {
      if (binary.version === undefined) {
        problems.push({
          status: 'warn',
          text: `${binary.component} at ${binary.path} did not report a version: "${binary.output.slice(0, 100)}"`,
        });
      }
    }

    if (expected !== undefined) {
      for (const binary of versioned) {
        if (sameRelease(binary.version, expected)) continue;
        const sameMinor = binary.version.major === expected.major && binary.version.minor === expected.minor;
        const status = sameMinor || binary.component === 'kubectl' ? 'warn' : 'fail';
        problems.push({
          status,
          text: `${binary.component} is ${formatVersion(binary.version)} but ${formatVersion(expected)} is expected`,
        });
      }
    } else {
      const kubeadm = versioned.find((binary) => binary.component === 'kubeadm');
      const kubelet = versioned.find((binary) => binary.component === 'kubelet');
      if (kubeadm && kubelet && minorDiff(kubeadm.version, kubelet.version) !== 0) {
        problems.push({
          status: 'warn',
          text: `kubeadm ${formatVersion(kubeadm.version)} and kubelet ${formatVersion(kubelet.version)} are different minor releases`,
        });
      }
    }

    // A package of one version and a binary of another on PATH: two installs, PATH decides.
    for (const pkg of packages) {
      const pkgVersion = packageK8sVersion(pkg);
      const binary = versioned.find((item) => item.component === pkg.name);
      if (pkgVersion === undefined || binary === undefined || !pkg.status.startsWith('ii')) continue;
      if (!sameRelease(pkgVersion, binary.version)) {
        problems.push({
          status: 'warn',
          text: `${pkg.name} package is ${formatVersion(pkgVersion)} but ${binary.path} reports ${formatVersion(binary.version)} (two installs; PATH picks ${binary.path})`,
        });
      }
    }

    // The pkgs.k8s.io source pins one minor release in its path.
    const sourcesGate = sections[aptSourcesProbe.name] === undefined ? undefined : open(aptSourcesProbe.name);
    if (sourcesGate?.ok) {
      const sources = parseAptSourcesProbe(sourcesGate.value.lines);
      if (sources.ok) {
        for (const source of sources.value) {
          if (!source.enabled) continue;
          for (const uri of source.uris.filter(isPkgsK8sIo)) {
            const minor = pkgsK8sIoMinor(uri);
            if (minor === undefined) continue;
            evidence.push(`${source.file}: ${source.text}`);
            const repo = parseVersion(minor);
            if (repo === undefined) continue;
            if (repo.major === 1 && repo.minor < PKGS_OLDEST_MINOR) {
              problems.push({
                status: 'fail',
                text: `${source.file} points at pkgs.k8s.io v${minor}, which does not exist (the oldest is v1.${PKGS_OLDEST_MINOR}); a YAML float such as 1.30 -> 1.3 does this`,
              });
            } else if (expected !== undefined && minorDiff(repo, expected) !== 0) {
              problems.push({
                status: 'fail',
                text: `${source.file} points at pkgs.k8s.io v${minor} but ${formatVersion(expected)} is expected`,
              });
            }
          }
        }
      } else {
        evidence.push(`(apt sources not judged: ${sources.what})`);
      }
    }

    const worst = worstOf(r, problems, { evidence, fix: FIX });
    if (worst) return [worst];
    if (versioned.length === 0) {
      return [r.skip('kubeadm, kubelet and kubectl are not installed on this node', { evidence })];
    }
    const list = versioned.map((binary) => `${binary.component} ${formatVersion(binary.version)}`).join(', ');
    return [
      r.pass(
        expected === undefined
          ? `${list} (no expected version given; use --k8s-version)`
          : `${list} match ${formatVersion(expected)}`,
        {
          evidence,
        },
      ),
    ];
  },
});
