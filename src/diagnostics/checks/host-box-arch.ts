// biome-ignore-all lint/suspicious/noTemplateCurlyInString: probe commands are POSIX sh; ${...} is shell parameter expansion
/**
 * The Vagrant box is built for another CPU than the host: on an Apple Silicon (arm64) Mac an
 * amd64 box such as ubuntu/jammy64 cannot boot, and VirtualBox aborts with NS_ERROR_FAILURE.
 *
 * This check runs on the machine next to the Vagrantfile, not on a node: `k8sdiag run` runs its
 * probes through the local transport in the Vagrant project directory (the directory it was
 * started in, or the one given for `vagrant ssh-config` targets) and reports the finding under
 * the host "localhost". Its roles are empty, so checksForRoles() never selects it for a node;
 * the registry lists it in `hostChecks`.
 */

import { type Arch, archFromSetting, archFromUname } from '../facts/arch';
import { boxArchitecture } from '../facts/vagrant-box';
import { splitBlocks } from '../probes/blocks';
import { hostArchProbe, parseHostArch } from '../probes/host-arch';
import { parseVagrantfile, vagrantfileProbe } from '../probes/vagrant';
import type { Finding } from '../types';
import { type CheckSpecMeta, defineCheck } from './support/define';
import { unexpected } from './support/findings';

const meta: CheckSpecMeta = {
  id: 'host-box-arch',
  title: "The Vagrant box matches the host's CPU",
  titleKo: 'Vagrant 박스가 호스트 CPU와 맞는다',
  runbook: 'vagrant-box-arch-mismatch',
  severity: 'error',
  roles: [],
};

const HOST = hostArchProbe.name;
const VAGRANTFILE = vagrantfileProbe.name;

function fixFor(host: Arch): string {
  return host === 'arm64'
    ? 'use a box built for arm64 (its name or page says arm64, e.g. net9/ubuntu-24.04-arm64 or bento/ubuntu-24.04 with config.vm.box_architecture = "arm64"), with a provider that runs arm64 guests on your host (VirtualBox 7.1+, VMware Fusion, Parallels)'
    : `use a box built for ${host}, or set config.vm.box_architecture = "${host}" for a multi-architecture box`;
}

export default defineCheck({
  meta,
  probes: [hostArchProbe, vagrantfileProbe],
  analyze: ({ r, open }) => {
    const hostGate = open(HOST);
    if (!hostGate.ok) return [hostGate.finding];
    const fileGate = open(VAGRANTFILE);
    if (!fileGate.ok) return [fileGate.finding];

    const hostOut = parseHostArch(hostGate.value.lines);
    if (!hostOut.ok) return [unexpected(r, HOST, hostOut.what, hostOut.line, hostOut.no)];
    const { machine, kernel, appleArm } = hostOut.value;
    if (machine === undefined || !hostOut.value.complete)
      return [unexpected(r, HOST, 'no "uname-m" line or end marker', hostGate.value.lines[0] ?? '', 1)];
    let host = archFromUname(machine);
    if (host === undefined) return [unexpected(r, HOST, 'unknown machine type from uname -m', machine, 1)];
    const hostEvidence = [
      `host: uname -m ${machine}, uname -s ${kernel ?? '?'}${appleArm ? ', hw.optional.arm64 1' : ''}`,
    ];
    if (appleArm && host === 'amd64') {
      host = 'arm64';
      hostEvidence.push('this shell runs under Rosetta 2; the Mac itself is Apple Silicon (arm64)');
    }

    const fileOut = splitBlocks(fileGate.value.lines);
    const block = fileOut.blocks[0];
    if (block === undefined || !fileOut.complete) {
      return [unexpected(r, VAGRANTFILE, 'no file/missing marker or end marker', fileGate.value.lines[0] ?? '', 1)];
    }
    if (block.marker === 'missing')
      return [
        r.skip('no Vagrantfile in this directory or its parents: nothing to compare', { evidence: hostEvidence }),
      ];
    if (block.marker !== 'file') return [unexpected(r, VAGRANTFILE, 'unknown marker', `### ${block.marker}`, block.no)];
    const stray = block.raw.find((line) => line.text.trim() !== '');
    if (stray) return [unexpected(r, VAGRANTFILE, 'unquoted line inside the Vagrantfile block', stray.text, stray.no)];
    const facts = parseVagrantfile(block.quoted.map((line) => line.text).join('\n'));
    const where = (line: number) => `${block.args}:${line}`;
    if (facts.boxes.length === 0) {
      return [r.skip(`${block.args} sets no vm.box: nothing to compare`, { evidence: hostEvidence })];
    }

    const pinned = facts.architectures.map((setting) => ({ setting, arch: archFromSetting(setting.value) }));
    const explicit = pinned.find((item) => item.arch !== 'auto');
    const findings: Finding[] = [];
    const seen = new Set<string>();
    for (const use of facts.boxes) {
      const key = use.box ?? use.expression;
      if (seen.has(key)) continue;
      seen.add(key);
      const evidence = [
        ...hostEvidence,
        `${where(use.line)}: ${use.text}`,
        ...facts.architectures.map((s) => `${where(s.line)}: ${s.text}`),
      ];
      if (explicit !== undefined) {
        if (explicit.arch === undefined) {
          findings.push(
            r.warn(`box_architecture "${explicit.setting.value}" is not an architecture Vagrant knows`, {
              evidence,
              fix: `use "amd64", "arm64" or :auto; this host is ${host}`,
            }),
          );
        } else if (explicit.arch !== host) {
          findings.push(
            r.fail(
              `config.vm.box_architecture is ${explicit.arch} but this host is ${host}: the VM cannot boot (NS_ERROR_FAILURE in VirtualBox)`,
              {
                evidence,
                fix: fixFor(host),
              },
            ),
          );
        } else {
          findings.push(r.pass(`box ${key} is pinned to ${explicit.arch}, the host's architecture`, { evidence }));
        }
        continue;
      }
      if (use.box === undefined) {
        findings.push(
          r.warn(`the box is computed (${use.expression}); cannot tell its architecture from the Vagrantfile`, {
            evidence,
            fix: `check that the box it resolves to is built for ${host} (vagrant box list -i), or pin config.vm.box_architecture = "${host}"`,
          }),
        );
        continue;
      }
      const box = boxArchitecture(use.box);
      if (box.kind === 'single') {
        if (box.arch !== host) {
          findings.push(
            r.fail(
              `box ${use.box} is ${box.arch} (${box.why}) but this host is ${host}: the VM cannot boot (NS_ERROR_FAILURE in VirtualBox)`,
              {
                evidence,
                fix: fixFor(host),
              },
            ),
          );
        } else findings.push(r.pass(`box ${use.box} is ${box.arch}, like the host`, { evidence }));
      } else if (box.kind === 'multi') {
        if (host === 'amd64') findings.push(r.pass(`box ${use.box} has amd64 builds; the host is amd64`, { evidence }));
        else {
          findings.push(
            r.warn(`box ${use.box}: ${box.why}; check that the version you use has a ${host} build for your provider`, {
              evidence,
              fix: `vagrant box list -i shows the architecture of installed boxes; pin it with config.vm.box_architecture = "${host}"`,
            }),
          );
        }
      } else if (host === 'amd64') {
        findings.push(r.pass(`box ${use.box}: ${box.why}; most boxes are amd64 like this host`, { evidence }));
      } else {
        findings.push(
          r.warn(`box ${use.box}: ${box.why}; this host is ${host} and most boxes are amd64 only`, {
            evidence,
            fix: fixFor(host),
          }),
        );
      }
    }
    return findings;
  },
});
