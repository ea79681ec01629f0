import { describe, expect, it } from 'vitest';
import { lexShell, simpleCommand } from '../../../src/diagnostics/lint/shell';

const words = (text: string): string[][] => lexShell(text).commands.map((c) => c.words.map((w) => w.value));

describe('lexShell', () => {
  it('splits commands on ; && || | and newlines', () => {
    expect(words('a 1; b 2 && c || d | e\nf')).toEqual([['a', '1'], ['b', '2'], ['c'], ['d'], ['e'], ['f']]);
  });

  it('removes quotes and keeps offsets of the source', () => {
    const text = `echo "deb [signed-by=/k.gpg] https://x/ /" 'single quoted'`;
    const [command] = lexShell(text).commands;
    expect(command?.words.map((w) => w.value)).toEqual([
      'echo',
      'deb [signed-by=/k.gpg] https://x/ /',
      'single quoted',
    ]);
    expect(text.slice(command?.words[1]?.start, command?.words[1]?.end)).toBe('"deb [signed-by=/k.gpg] https://x/ /"');
  });

  it('masks comments but not # inside words or quotes', () => {
    const text = 'iptables -F # reset\necho "#not" a#b\n# iptables -X\n';
    const lex = lexShell(text);
    expect(lex.masked.length).toBe(text.length);
    expect(lex.masked).not.toContain('reset');
    expect(lex.masked).not.toContain('iptables -X');
    expect(words(text)).toEqual([
      ['iptables', '-F'],
      ['echo', '#not', 'a#b'],
    ]);
  });

  it('joins backslash-continued lines', () => {
    expect(words('kubeadm join 10.0.0.1:6443 \\\n  --token abc \\\n  --discovery-token-ca-cert-hash sha256:x')).toEqual(
      [['kubeadm', 'join', '10.0.0.1:6443', '--token', 'abc', '--discovery-token-ca-cert-hash', 'sha256:x']],
    );
  });

  it('keeps Jinja and substitutions inside one word', () => {
    // biome-ignore lint/suspicious/noTemplateCurlyInString: shell text, not a template literal
    expect(words('curl -L {{ base_url }}/v{{ v }}/x-$(uname -m).tgz -o "${DEST:-/tmp}/x"')).toEqual([
      // biome-ignore lint/suspicious/noTemplateCurlyInString: shell text, not a template literal
      ['curl', '-L', '{{ base_url }}/v{{ v }}/x-$(uname -m).tgz', '-o', '${DEST:-/tmp}/x'],
    ]);
  });

  it('skips heredoc bodies and records them', () => {
    const text = 'cat <<EOF > /etc/netplan/60.yaml\nnetwork:\n  version: 2\nEOF\niptables -S\n';
    const lex = lexShell(text);
    expect(lex.commands.map((c) => c.words.map((w) => w.value))).toEqual([['cat'], ['iptables', '-S']]);
    expect(lex.commands[0]?.redirects.map((r) => [r.op, r.target?.value])).toEqual([
      ['<<', 'EOF'],
      ['>', '/etc/netplan/60.yaml'],
    ]);
    const [doc] = lex.heredocs;
    expect(text.slice(doc?.start, doc?.end)).toBe('network:\n  version: 2\n');
  });

  it('does not take a file descriptor for an argument', () => {
    expect(words('iptables -F 2>/dev/null')).toEqual([['iptables', '-F']]);
  });

  it('marks the right side of a pipe', () => {
    expect(lexShell('curl -fsSL u | sudo apt-key add -').commands.map((c) => c.piped)).toEqual([false, true]);
  });
});

describe('simpleCommand', () => {
  const first = (text: string) => {
    const command = lexShell(text).commands[0];
    return command === undefined ? undefined : simpleCommand(command);
  };

  it('skips assignments, sudo and its options', () => {
    const c = first('DEBIAN_FRONTEND=noninteractive sudo -E -u root /usr/bin/apt-get install -y curl');
    expect([c?.name, c?.wrappers, c?.args.map((w) => w.value)]).toEqual([
      'apt-get',
      ['sudo'],
      ['install', '-y', 'curl'],
    ]);
  });

  it('reads the timeout duration', () => {
    const c = first('timeout -k 10 600 kubeadm join x');
    expect([c?.name, c?.timeout]).toEqual(['kubeadm', '600']);
  });

  it('skips shell keywords', () => {
    expect(first('if iptables -C INPUT -j ACCEPT; then true; fi')?.name).toBe('iptables');
  });
});
