import { describe, expect, it } from 'vitest';
import rule, { boxArch } from '../../../../src/diagnostics/lint/rules/vagrant-box-arch';
import { ruleTester } from '../helpers';

const vagrantfile = (body: string): string => `Vagrant.configure("2") do |config|\n${body}\nend\n`;

describe('boxArch', () => {
  it.each([
    ['ubuntu/jammy64', 'amd64'],
    ['ubuntu/focal64', 'amd64'],
    ['generic/ubuntu2204', 'amd64'],
    ['hashicorp/bionic64', 'amd64'],
    ['debian/bookworm64', 'amd64'],
    ['generic-a64/ubuntu2204', 'arm64'],
    ['net9/ubuntu-24.04-arm64', 'arm64'],
    ['bento/ubuntu-22.04-arm64', 'arm64'],
    ['someone/ubuntu-aarch64', 'arm64'],
    ['someone/debian-i386', '386'],
    ['bento/ubuntu-24.04', undefined],
    ['bento/ubuntu-22.04', undefined],
  ])('%s -> %s', (name, arch) => {
    expect(boxArch(name)).toBe(arch);
  });
});

ruleTester(rule, {
  valid: [
    {
      name: 'amd64 box on an amd64 host',
      path: 'Vagrantfile',
      code: vagrantfile('  config.vm.box = "ubuntu/jammy64"'),
      hostArch: 'amd64',
    },
    {
      name: 'multi-arch bento box on arm64',
      path: 'Vagrantfile',
      code: vagrantfile('  config.vm.box = "bento/ubuntu-24.04"'),
      hostArch: 'arm64',
    },
    {
      name: 'arm64 box on arm64 (the field log fix)',
      path: 'Vagrantfile',
      code: vagrantfile('  config.vm.box = "net9/ubuntu-24.04-arm64"'),
      hostArch: 'arm64',
    },
    {
      name: 'commented-out box is ignored',
      path: 'Vagrantfile',
      code: vagrantfile('  # config.vm.box = "ubuntu/jammy64"\n  config.vm.box = "bento/ubuntu-22.04"'),
      hostArch: 'arm64',
    },
    {
      name: '=begin/=end block is a comment',
      path: 'Vagrantfile',
      code: `=begin\nconfig.vm.box = "ubuntu/jammy64"\n=end\n${vagrantfile('  config.vm.box = "bento/ubuntu-22.04"')}`,
      hostArch: 'arm64',
    },
    {
      name: 'a # inside a string is not a comment, and box names in trailing comments do not count',
      path: 'Vagrantfile',
      code: vagrantfile('  config.vm.box = "perk/ubuntu-2204-arm64" # was ubuntu/jammy64 (amd64 only)'),
      hostArch: 'arm64',
    },
    {
      name: 'box_architecture matching the host',
      path: 'Vagrantfile',
      code: vagrantfile('  config.vm.box = "bento/ubuntu-24.04"\n  config.vm.box_architecture = "arm64"'),
      hostArch: 'arm64',
    },
    {
      name: 'a heredoc mentioning a box is a string, not an assignment',
      path: 'Vagrantfile',
      code: vagrantfile(
        '  $note = <<~TXT\n    config.vm.box = "ubuntu/jammy64"\n  TXT\n  config.vm.box = "bento/ubuntu-24.04"',
      ),
      hostArch: 'arm64',
    },
  ],
  invalid: [
    {
      name: 'ubuntu/jammy64 on Apple Silicon (field log problem 1)',
      path: 'Vagrantfile',
      code: vagrantfile('  config.vm.box = "ubuntu/jammy64"'),
      hostArch: 'arm64',
      errors: [
        {
          line: 2,
          column: 20,
          endLine: 2,
          endColumn: 34,
          message: /built for amd64 only, but this host is arm64.*NS_ERROR_FAILURE/,
        },
      ],
    },
    {
      name: 'arm64 box on an amd64 host, single-quoted',
      path: 'Vagrantfile',
      code: vagrantfile("  config.vm.box = 'gyptazy/ubuntu22.04-arm64'"),
      hostArch: 'amd64',
      errors: [{ line: 2, column: 20, message: /built for arm64 only, but this host is amd64/ }],
    },
    {
      name: 'box from a constant',
      path: 'Vagrantfile',
      code: `BOX_IMAGE = "generic/ubuntu2204"\n${vagrantfile('  config.vm.box = BOX_IMAGE')}`,
      hostArch: 'arm64',
      errors: [{ line: 1, column: 14 }],
    },
    {
      name: 'boxes in a node table used in a loop',
      path: 'Vagrantfile',
      code: [
        'NODES = [',
        '  { name: "master", box: "ubuntu/jammy64" },',
        '  { name: "worker", box: "bento/ubuntu-24.04" },',
        ']',
        vagrantfile(
          '  NODES.each do |n|\n    config.vm.define n[:name] do |m|\n      m.vm.box = n[:box]\n    end\n  end',
        ),
      ].join('\n'),
      hostArch: 'arm64',
      errors: [{ line: 2, column: 27 }],
    },
    {
      name: '%q() literal',
      path: 'Vagrantfile',
      code: vagrantfile('  config.vm.box = %q(ubuntu/focal64)'),
      hostArch: 'arm64',
      errors: [{ line: 2, column: 22 }],
    },
    {
      name: 'box_architecture forcing amd64 on an arm64 host',
      path: 'Vagrantfile',
      code: vagrantfile('  config.vm.box = "bento/ubuntu-24.04"\n  config.vm.box_architecture = "amd64"'),
      hostArch: 'arm64',
      errors: [{ line: 3, column: 33, message: /box_architecture "amd64"/ }],
    },
    {
      name: 'only the mismatching machine of two',
      path: 'Vagrantfile',
      code: vagrantfile(
        [
          '  config.vm.define "cp" do |cp|',
          '    cp.vm.box = "net9/ubuntu-24.04-arm64"',
          '  end',
          '  config.vm.define "w1" do |w|',
          '    w.vm.box = "ubuntu/jammy64"',
          '  end',
        ].join('\n'),
      ),
      hostArch: 'arm64',
      errors: [{ line: 6, column: 17 }],
    },
  ],
});
