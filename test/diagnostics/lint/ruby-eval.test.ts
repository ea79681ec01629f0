import { describe, expect, it } from 'vitest';
import { lexRuby } from '../../../src/diagnostics/lint/ruby';
import { HOLE, parseDotenv, RubyEvaluator } from '../../../src/diagnostics/lint/ruby-eval';

/** Values of the expression after the last `ip:` of the text. */
function ipValues(text: string, data: Record<string, unknown> = {}, env: Record<string, string> = {}): string[] {
  const tokens = lexRuby(text);
  const at = tokens.map((t) => t.kind === 'label' && t.value === 'ip').lastIndexOf(true);
  const end = tokens.findIndex((t, i) => i > at && t.kind === 'nl');
  const evaluator = new RubyEvaluator(tokens, {
    data: new Map(Object.entries(data)),
    env: new Map(Object.entries(env)),
  });
  return evaluator.values(tokens.slice(at + 1, end), at);
}

describe('RubyEvaluator', () => {
  it('reads constants, + concatenation and interpolation, with a hole for a loop counter', () => {
    expect(ipValues('NET = "10.0.0."\nx ip: NET + "#{i + 10}"\n')).toEqual([`10.0.0.${HOLE}10`]);
    expect(ipValues('BASE = "10.0.0."\nx ip: "#{BASE}5"\n')).toEqual(['10.0.0.5']);
  });
  it('adds known integers instead of concatenating them', () => {
    expect(ipValues('START = 10\nx ip: "10.0.0.#{START + 1}"\n')).toEqual(['10.0.0.11']);
  });
  it('takes the nearest earlier assignment of a local variable', () => {
    expect(ipValues('ip = "10.0.0.1"\nx ip: ip\nip = "10.0.0.2"\n')).toEqual(['10.0.0.1']);
  });
  it('falls back from an unknown ENV to the default, and reads ENV from a dotenv file', () => {
    expect(ipValues('$m = ENV["M"] || "172.16.0.1"\nx ip: $m\n')).toEqual(['172.16.0.1']);
    expect(ipValues('x ip: ENV["M"]\n', {}, { M: '10.1.1.1' })).toEqual(['10.1.1.1']);
    expect(ipValues('x ip: ENV.fetch("M", "10.2.2.2")\n')).toEqual(['10.2.2.2']);
  });
  it('keeps the default past an override given from outside (an option loop, ENV), not past other unknowns', () => {
    const options = 'prefix = \'192.168.8\'\nopts.each do |opt, arg|\n  prefix = arg\nend\nx ip: "#{prefix}.10"\n';
    expect(ipValues(options)).toEqual(['192.168.8.10']);
    expect(ipValues("prefix = '192.168.8'\nprefix = ENV['P']\nx ip: \"#{prefix}.10\"\n")).toEqual(['192.168.8.10']);
    expect(ipValues('prefix = \'192.168.8\'\nprefix = lookup(name)\nx ip: "#{prefix}.10"\n')).toEqual([`${HOLE}.10`]);
  });
  it('reads an element picked by a variable index from a collect block or an array literal', () => {
    const collect = '$base = "172.16.26."\n$ips = $n.times.collect { |n| $base + "#{n+20}" }\nx ip: $ips[i]\n';
    expect(ipValues(collect)).toEqual([`172.16.26.${HOLE}20`]);
    expect(ipValues('ips = ["10.5.5.1", "10.5.5.2"]\nx ip: ips[i]\n')).toEqual(['10.5.5.1', '10.5.5.2']);
  });
  it('indexes settings data and lists every ip: of a machine table for opts[:ip]', () => {
    const text = 's = YAML.load_file("settings.yaml")\nx ip: s["network"]["ip"]\n';
    expect(ipValues(text, { 'settings.yaml': { network: { ip: '10.3.3.3' } } })).toEqual(['10.3.3.3']);
    expect(ipValues('M = [{ ip: "10.4.4.1" }, { :ip => "10.4.4.2" }]\nx ip: opts[:ip]\n')).toEqual([
      '10.4.4.1',
      '10.4.4.2',
    ]);
  });
  it('knows nothing of method calls it cannot follow', () => {
    expect(ipValues('x ip: SECTIONS.captures[0]\n')).toEqual([]);
    expect(ipValues('x ip: a ? "10.0.0.1" : "10.0.0.2"\n')).toEqual([]);
  });
});

describe('parseDotenv', () => {
  it('reads KEY=value lines, with export and quotes', () => {
    expect([...parseDotenv('# c\nexport A="1.2.3.4"\nB=5\n')]).toEqual([
      ['A', '1.2.3.4'],
      ['B', '5'],
    ]);
  });
});
