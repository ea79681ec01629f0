import { expect, it } from 'vitest';
import check from '../../../src/diagnostics/checks/host-box-arch';
import { context, loadSections, runCases } from './tester';

const dir = 'host-box-arch';
const mac = `${dir}/handmade-macos-arm64`;
const linux = `${dir}/linux-x86_64`;

runCases(check, {
  valid: [
    {
      name: 'ubuntu/jammy64 on an x86_64 Linux host',
      sections: { 'host-arch': linux, vagrantfile: `${dir}/ubuntu-jammy64` },
      message: /is amd64, like the host/,
    },
    {
      name: 'the field log fix: net9 arm64 box on Apple Silicon',
      sections: { 'host-arch': mac, vagrantfile: `${dir}/net9-arm64` },
      message: /net9\/ubuntu-24\.04-arm64 is arm64/,
    },
    {
      name: 'bento pinned to amd64 on x86_64',
      sections: { 'host-arch': linux, vagrantfile: `${dir}/bento-pinned-amd64` },
      message: /pinned to amd64/,
    },
  ],
  invalid: [
    {
      name: 'the field log: ubuntu/jammy64 on Apple Silicon',
      sections: { 'host-arch': mac, vagrantfile: `${dir}/ubuntu-jammy64` },
      expect: {
        status: 'fail',
        message:
          /box ubuntu\/jammy64 is amd64 \(Canonical's ubuntu\/\* boxes are built for amd64 only\) but this host is arm64.*NS_ERROR_FAILURE/,
        evidence: [/uname -m arm64/, /Vagrantfile:3: config\.vm\.box = "ubuntu\/jammy64"/],
        fix: /arm64/,
      },
    },
    {
      name: 'a Rosetta shell on Apple Silicon still counts as arm64',
      sections: { 'host-arch': `${dir}/handmade-macos-rosetta`, vagrantfile: `${dir}/ubuntu-jammy64` },
      expect: { status: 'fail', evidence: [/Rosetta 2/] },
    },
    {
      name: 'an arm64 box on x86_64',
      sections: { 'host-arch': linux, vagrantfile: `${dir}/net9-arm64` },
      expect: { status: 'fail', message: /is arm64 .* but this host is amd64/ },
    },
    {
      name: 'box_architecture amd64 on Apple Silicon',
      sections: { 'host-arch': mac, vagrantfile: `${dir}/bento-pinned-amd64` },
      expect: { status: 'fail', message: /box_architecture is amd64 but this host is arm64/ },
    },
    {
      name: 'generic/* box through a constant, Vagrantfile found in a parent directory',
      sections: { 'host-arch': mac, vagrantfile: `${dir}/multi-machine-parent-dir` },
      expect: { status: 'fail', message: /box generic\/ubuntu2204 is amd64 \(the Roboxes/ },
    },
    {
      name: 'no Vagrantfile',
      sections: { 'host-arch': linux, vagrantfile: `${dir}/none` },
      expect: { status: 'skip', message: /no Vagrantfile/ },
    },
  ],
});

it('is not a node check: no roles', () => {
  expect(check.meta.roles).toEqual([]);
  const findings = check.analyze(
    loadSections({ 'host-arch': linux, vagrantfile: `${dir}/multi-machine-parent-dir` }),
    context(),
  );
  expect(findings).toHaveLength(1);
});
