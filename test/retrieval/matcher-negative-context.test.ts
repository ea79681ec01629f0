/**
 * A runbook's `hosts` and `undecidedBy` (src/content/runbook-schema.ts) on small hand-written
 * runbooks: a signature does not decide where the input names only other hosts, and an undecidedBy
 * line (words or `/regex/`) keeps the runbook a candidate but only "possibly related".
 */
import { describe, expect, it } from 'vitest';
import { runbookFrontmatter } from '../../src/content/runbook-schema';
import { CONFIDENT_FROM, WEAK_CEILING } from '../../src/retrieval/confidence';
import { buildMatcher, type MatchDoc } from '../../src/retrieval/matcher';
import { hostIn, urlHosts } from '../../src/retrieval/pattern-lines';

const docs: MatchDoc[] = [
  {
    id: 'repo',
    title: 'Gizmo repository key missing',
    signatures: ['gizmo InRelease: the widget signatures could not be verified NO_PUBKEY'],
    hosts: ['gizmo.example.org'],
    symptoms: ['apt update fails on the gizmo repository'],
    cause: 'The gizmo repository moved and its key changed.',
  },
  {
    id: 'arch',
    title: 'Sprocket binary for another CPU',
    signatures: ['sprocket format error'],
    undecidedBy: ['widget runtime container start failed', '/\\.(?:sh|py)\\b[\\s\\S]{0,80}sprocket format error/'],
    symptoms: ['the binary will not run'],
    cause: 'The binary was built for another CPU.',
  },
];
const matcher = buildMatcher(docs);
const top = (text: string) => matcher.match(text)[0];

describe('hosts: a signature decides only for its own hosts, or where no host is named', () => {
  it('decides with no URL and with one of its hosts (subdomains count)', () => {
    for (const text of [
      'gizmo InRelease: the widget signatures could not be verified NO_PUBKEY',
      'W: GPG error: https://apt.gizmo.example.org/deb gizmo InRelease: the widget signatures could not be verified NO_PUBKEY',
    ]) {
      expect(top(text)?.id, text).toBe('repo');
      expect(top(text)?.weak, text).toBe(false);
    }
  });

  it('is only possibly related where the lines name another host', () => {
    const match = top(
      'Err:7 https://download.other.example.net/linux bookworm InRelease\n  gizmo InRelease: the widget signatures could not be verified NO_PUBKEY',
    );
    expect(match?.id).toBe('repo');
    expect(match?.weak).toBe(true);
    expect(match?.confidence).toBeLessThan(CONFIDENT_FROM);
  });

  it('reads the hosts of URLs', () => {
    expect(urlHosts('Hit:1 https://pkgs.k8s.io/core Err:2 http://Download.Docker.com/linux')).toEqual([
      'pkgs.k8s.io',
      'download.docker.com',
    ]);
    expect(hostIn('prod-cdn.packages.k8s.io', ['packages.k8s.io'])).toBe(true);
    expect(hostIn('notpkgs.k8s.io', ['pkgs.k8s.io'])).toBe(false);
  });
});

describe('undecidedBy: the same error with other common causes', () => {
  it('a signature alone decides', () => {
    expect(top('/usr/local/bin/sprocket: sprocket format error')?.weak).toBe(false);
  });

  it('a line of words keeps the runbook first but weak, and says which line', () => {
    const match = top('widget runtime container start failed\nsprocket format error');
    expect(match?.id).toBe('arch');
    expect(match?.weak).toBe(true);
    expect(match?.confidence).toBeLessThanOrEqual(WEAK_CEILING);
    expect(match?.undecidedBy).toBe('widget runtime container start failed');
    expect(match?.ruledOutBy).toBeUndefined();
  });

  it('a /regex/ entry is tested on the raw lines, across a line break', () => {
    const match = top("Failed to execute process './init.sh'. Reason:\nexec: sprocket format error");
    expect(match?.id).toBe('arch');
    expect(match?.weak).toBe(true);
    expect(match?.undecidedBy).toBe("Failed to execute process './init.sh'. Reason:");
  });
});

describe('schema', () => {
  const base = {
    title: 'Title',
    description: 'A description.',
    runbook: 'exec-format-error',
    problem: 5,
    layer: 'cluster',
    tools: ['kubeadm'],
    symptoms: ['x'],
    signatures: ['exec format error'],
    cause: 'A cause of ten characters.',
    fixCommands: [],
    related: [],
  };

  it('accepts host names and valid /regex/ lines', () => {
    const parsed = runbookFrontmatter.safeParse({ ...base, hosts: ['pkgs.k8s.io'], undecidedBy: ['/\\.sh\\b/'] });
    expect(parsed.success).toBe(true);
  });

  it('rejects a URL as a host and a /regex/ that does not compile', () => {
    expect(runbookFrontmatter.safeParse({ ...base, hosts: ['https://pkgs.k8s.io/'] }).success).toBe(false);
    expect(runbookFrontmatter.safeParse({ ...base, undecidedBy: ['/(unclosed/'] }).success).toBe(false);
    expect(runbookFrontmatter.safeParse({ ...base, ruledOutBy: ['/[a-/'] }).success).toBe(false);
  });
});
