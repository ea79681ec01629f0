import { describe, expect, it } from 'vitest';
import { lexRuby } from '../../../src/diagnostics/lint/ruby';
import { readVagrantfile } from '../../../src/diagnostics/lint/vagrant';

const strings = (text: string): string[] => lexRuby(text).flatMap((t) => (t.kind === 'str' ? [t.value] : []));

describe('lexRuby', () => {
  it('reads single, double, %q and %Q strings', () => {
    expect(strings(`a = 'x' + "y #{z} w" + %q(p(q)) + %Q[r]`)).toEqual(['x', 'y #{z} w', 'p(q)', 'r']);
  });

  it('drops # comments and =begin/=end blocks, keeps # inside strings', () => {
    expect(strings('# "not"\nx = "a # b" # "no"\n=begin\n"gone"\n=end\ny = "c"\n')).toEqual(['a # b', 'c']);
  });

  it('reads heredocs (<<~, <<-, quoted) and continues after them', () => {
    const text = 's = <<~SHELL\n  echo 1\n  SHELL\nt = <<-\'EOS\'\n  raw #{x}\n  EOS\nu = "after"\n';
    expect(strings(text)).toEqual(['  echo 1\n', '  raw #{x}\n', 'after']);
  });

  it('stops at __END__', () => {
    expect(strings('a = "1"\n__END__\nb = "2"\n')).toEqual(['1']);
  });

  it('does not take a shift operator for a heredoc', () => {
    expect(strings('list << item\nx = "ok"\n')).toEqual(['ok']);
  });
});

describe('readVagrantfile', () => {
  const text = [
    'BOX = "bento/ubuntu-24.04"',
    '$script = <<-SCRIPT',
    'apt-get update',
    'SCRIPT',
    'Vagrant.configure("2") do |config|',
    '  config.vm.box = BOX',
    '  config.vm.box_architecture = :auto',
    '  config.vm.network "private_network",',
    '    ip: "192.168.56.10",',
    '    gateway: "192.168.56.1"',
    '  config.vm.network :forwarded_port, guest: 80, host: 8080',
    '  config.vm.provision "shell", inline: $script',
    '  config.vm.provision "shell", path: "scripts/a.sh", privileged: false',
    '  config.vm.provision "named", type: "shell", :path => "scripts/n.sh"',
    '  config.vm.provision :shell do |s|',
    '    s.path = "scripts/b.sh"',
    '  end',
    'end',
  ].join('\n');
  const read = readVagrantfile(lexRuby(text));

  it('resolves constants and symbols', () => {
    expect(read.model.boxes.map((b) => b.name)).toEqual(['bento/ubuntu-24.04']);
    expect(read.model.architectures.map((a) => a.value)).toEqual(['auto']);
  });

  it('reads networks with options across lines', () => {
    expect(
      read.model.networks.map((n) => [n.type, Object.fromEntries([...n.options].map(([k, v]) => [k, v.value]))]),
    ).toEqual([
      ['private_network', { ip: '192.168.56.10', gateway: '192.168.56.1' }],
      ['forwarded_port', { guest: '80', host: '8080' }],
    ]);
  });

  it('reads shell provisioners: inline from a global, paths, privileged', () => {
    expect(read.inline.map((i) => [i.token.value, i.privileged])).toEqual([['apt-get update\n', true]]);
    expect(read.model.scripts.map(({ path, privileged }) => ({ path, privileged }))).toEqual([
      { path: 'scripts/a.sh', privileged: false },
      { path: 'scripts/n.sh', privileged: true },
      { path: 'scripts/b.sh', privileged: true },
    ]);
  });

  it('reads the providers: symbols, strings, and values from the settings file or ENV["VAGRANT_DEFAULT_PROVIDER"]', () => {
    const providers = (source: string, data: Record<string, unknown> = {}): readonly string[] | undefined =>
      readVagrantfile(lexRuby(source), { data: new Map(Object.entries(data)), env: new Map() }).model.providers;
    expect(
      providers('config.vm.provider :virtualbox do |vb|\nend\nconfig.vm.provider "libvirt" do |lv|\nend\n'),
    ).toEqual(['virtualbox', 'libvirt']);
    const fromSettings =
      'c = YAML.load_file("config.yaml")\nENV["VAGRANT_DEFAULT_PROVIDER"] = c["provider"]\nnode.vm.provider c["provider"] do |p|\nend\n';
    expect(providers(fromSettings, { 'config.yaml': { provider: 'libvirt' } })).toEqual(['libvirt']);
    expect(providers(fromSettings)).toEqual([]);
    expect(providers("ENV['VAGRANT_DEFAULT_PROVIDER'] ||= 'libvirt'\n")).toEqual(['libvirt']);
  });
});
