/**
 * What a user sees for a confident answer, a weak one and a tie; `--lang` only picks the output
 * language; the frontmatter fields for evidence weight are validated.
 */
import pc from 'picocolors';
import { describe, expect, it } from 'vitest';
import { runbookFrontmatter } from '../../../src/content/runbook-schema';
import { explain, isConfidentAnswer } from '../../../src/diagnostics/explain/explain';
import { formatExplanationsJson, formatExplanationsText } from '../../../src/diagnostics/explain/format';
import { runbookEntries } from '../../../src/diagnostics/runbooks/runbook-data';
import type { Lang } from '../../../src/diagnostics/runbooks/runbooks';

const colors = pc.createColors(false);
const run = (text: string, lang: Lang = 'en') =>
  explain({ text, lang, entries: runbookEntries, url: (id, l) => `https://docs.test/${l}/${id}/` });

describe('explain output by confidence', () => {
  it('a weak match is "possibly related", without fix commands, with the user line that matched', () => {
    const line = '    default: Warning: Connection timeout. Retrying...';
    const found = run(`==> default: Booting VM...\n${line}`);
    expect(found[0]?.weak).toBe(true);
    expect(isConfidentAnswer(found)).toBe(false);
    for (const item of found) expect(item.fixCommands).toEqual([]);
    const text = formatExplanationsText(found, 'en', colors, 'https://docs.test/');
    expect(text).toContain('Not a confident match. Possibly related:');
    expect(text).toContain(`Your line (supporting line): ${line.trim()}`);
    expect(text).not.toContain('Fix:');
    expect(text).not.toContain('$ ');
  });

  it('a confident match prints cause and fixes, and the JSON has confidence and weak', () => {
    const found = run(
      'The connection to the server localhost:8080 was refused - did you specify the right host or port?',
    );
    expect(isConfidentAnswer(found)).toBe(true);
    const json = JSON.parse(formatExplanationsJson(found, 'en')) as {
      matches: { confidence: number; weak: boolean; tie: boolean; matched: { line: string } }[];
    };
    expect(json.matches[0]).toMatchObject({ weak: false, tie: false });
    expect(json.matches[0]?.confidence).toBeGreaterThanOrEqual(0.6);
    expect(json.matches[0]?.matched.line).toContain('localhost:8080 was refused');
  });

  it('the API server down on 127.0.0.1:6443 is not the missing-kubeconfig runbook', () => {
    const found = run(
      'The connection to the server 127.0.0.1:6443 was refused - did you specify the right host or port?',
    );
    expect(isConfidentAnswer(found)).toBe(false);
  });

  it('a healthy apt line with v1.28 is not "1.30 became 1.3"', () => {
    const found = run('Hit:4 https://pkgs.k8s.io/core:/stable:/v1.28/deb  InRelease');
    expect(isConfidentAnswer(found)).toBe(false);
  });

  it('a join to a routable address is not the NAT-address runbook (10.0.2.15 is an anchor)', () => {
    const found = run(
      'error execution phase preflight: couldn\'t validate the identity of the API Server: Get "https://192.168.56.10:6443/api/v1/namespaces/kube-public/configmaps/cluster-info?timeout=10s": dial tcp 192.168.56.10:6443: connect: connection refused',
    );
    expect(found[0]?.id).toBe('kubeadm-join-hangs');
    expect(found.filter((item) => !item.weak).map((item) => item.id)).toEqual(['kubeadm-join-hangs']);
  });

  it('kubeadm init with [ERROR CRI] is not "kubeadm join hangs" (it is the CRI runbook since #11 landed)', () => {
    const found = run(
      '[init] Using Kubernetes version: v1.29.1\n[preflight] Running pre-flight checks\nerror execution phase preflight: [preflight] Some fatal errors occurred:\n\t[ERROR CRI]: container runtime is not running',
    );
    expect(found.filter((item) => !item.weak).map((item) => item.id)).not.toContain('kubeadm-join-hangs');
    expect(found[0]?.id).toBe('containerd-cri-disabled');
  });

  it('--lang changes the language of the answer, not the match', () => {
    for (const text of [
      'bash: /usr/local/bin/kubeadm: cannot execute binary file: Exec format error',
      '워커에서 kubectl 치면 8080 에러',
      'I ran a script that flushed iptables and lost SSH to every node',
    ]) {
      const en = run(text, 'en');
      const ko = run(text, 'ko');
      expect(ko.map((item) => [item.id, item.confidence, item.weak])).toEqual(
        en.map((item) => [item.id, item.confidence, item.weak]),
      );
      if (ko[0] !== undefined) expect(ko[0].url).toContain('/ko/');
    }
  });

  it('Korean and English descriptions find their runbook as weaker evidence', () => {
    expect(run('워커에서 kubectl 치면 8080 에러')[0]?.id).toBe('kubectl-localhost-8080');
    const prose = run('I ran a script that flushed iptables and lost SSH to every node');
    expect(prose[0]?.id).toBe('iptables-flush-lockout');
    expect(prose[0]?.weak).toBe(true);
  });
});

describe('frontmatter: evidence fields', () => {
  const base = runbookEntries.find((entry) => entry.lang === 'en')?.frontmatter;

  it('accepts supports, ruledOutBy and context', () => {
    expect(runbookFrontmatter.safeParse(base).success).toBe(true);
  });

  it('rejects a context that is not "tool subcommand" and a too short line', () => {
    const badContext = runbookFrontmatter.safeParse({ ...base, context: ['kubeadm'] });
    expect(badContext.success).toBe(false);
    expect(badContext.error?.issues[0]?.message).toContain('tool and its subcommand');
    expect(runbookFrontmatter.safeParse({ ...base, ruledOutBy: ['x'] }).success).toBe(false);
    expect(runbookFrontmatter.safeParse({ ...base, supports: 'one line' }).success).toBe(false);
  });
});
