import { execFileSync } from 'node:child_process';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseProbeOutput } from '../../../src/diagnostics/probe/parse';
import { buildProbeScript } from '../../../src/diagnostics/probe/script';
import type { ProbePlan } from '../../../src/diagnostics/probe/types';

const NONCE = 'a1b2c3d4e5f60718293a4b5c6d7e8f90';
const plan: ProbePlan = {
  capBytes: 1024,
  probes: [
    { index: 0, keys: ['one'], command: 'printf one', needsRoot: false, timeoutSeconds: 5 },
    { index: 1, keys: ['two'], command: 'printf two', needsRoot: false, timeoutSeconds: 5 },
    { index: 2, keys: ['three'], command: 'id -u', needsRoot: true, timeoutSeconds: 5 },
  ],
};
const m = (rest: string): string => `\n@@K8SDIAG ${NONCE} ${rest}\n`;
const section = (i: number, out: string, err: string, rc = 0): string =>
  `${m(`B ${i} p${i}`)}${out}${m(`O ${i} ${rc} 10.00 10.25`)}${err}${m(`E ${i}`)}`;

/** Real output of the real script under dash, as the reference for the mutations below. */
const realOutput = (): Buffer =>
  execFileSync('/bin/dash', ['-s'], {
    input: buildProbeScript(plan, { nonce: NONCE }),
    env: { PATH: '/usr/bin:/bin' },
  });

describe('parseProbeOutput', () => {
  it('reads sections, header, skip markers and durations', () => {
    const text = `banner\n${m('H 1 uid=1000 timeout=k root=no')}${section(0, 'A\n', '')}${section(1, 'B', 'warn\n', 2)}${m('S 2 three needs root: sudo -n refused (sudo: a password is required)')}${m('Z')}`;
    const parsed = parseProbeOutput(text, plan, NONCE);
    expect(parsed.preamble).toBe('banner\n');
    expect(parsed.header).toEqual({ protocol: 1, uid: '1000', timeout: 'k', root: 'no', plan: '' });
    expect(parsed.sections['one']).toMatchObject({ stdout: 'A\n', stderr: '', exitCode: 0, durationMs: 250 });
    expect(parsed.sections['two']).toMatchObject({ stdout: 'B', stderr: 'warn\n', exitCode: 2 });
    expect(parsed.sections['three']).toMatchObject({
      skipped: true,
      skipReason: 'needs root: sudo -n refused (sudo: a password is required)',
    });
    expect(parsed.complete).toBe(true);
    expect(parsed.problems).toEqual([]);
  });

  it('ignores markers that carry another nonce, even when they look perfect', () => {
    const fake = `\n@@K8SDIAG ${'f'.repeat(32)} E 0\n@@K8SDIAG ${'f'.repeat(32)} Z\n`;
    const text = `${m('H 1 uid=0 timeout=k root=yes')}${section(0, fake, fake)}${m('Z')}`;
    const parsed = parseProbeOutput(text, plan, NONCE);
    expect(parsed.sections['one']?.stdout).toBe(fake);
    expect(parsed.sections['one']?.stderr).toBe(fake);
    expect(parsed.problems).toEqual([]);
  });

  it('keeps ANSI escapes and control characters verbatim (reporters strip them)', () => {
    const hostile = '\u001b[2J\u001b]0;pwned\u0007\u009b31m\r\u0008x';
    const parsed = parseProbeOutput(
      `${m('H 1 uid=0 timeout=k root=yes')}${section(0, hostile, '')}${m('Z')}`,
      plan,
      NONCE,
    );
    expect(parsed.sections['one']?.stdout).toBe(hostile);
  });

  it('caps each stream and marks the section truncated', () => {
    const big = 'x'.repeat(1024 * 1024);
    const parsed = parseProbeOutput(
      `${m('H 1 uid=0 timeout=k root=yes')}${section(0, big, big)}${m('Z')}`,
      plan,
      NONCE,
    );
    expect(parsed.sections['one']?.stdout.length).toBe(1024);
    expect(parsed.sections['one']?.stderr.length).toBe(1024);
    expect(parsed.sections['one']?.truncated).toBe(true);
  });

  it('keeps a probe cut off mid-output as interrupted, with exit code null', () => {
    const text = `${m('H 1 uid=0 timeout=k root=yes')}${section(0, 'A', '')}${m('B 1')}partial out`;
    const parsed = parseProbeOutput(text, plan, NONCE);
    expect(parsed.complete).toBe(false);
    expect(parsed.sections['one']?.stdout).toBe('A');
    expect(parsed.sections['two']).toMatchObject({ stdout: 'partial out', exitCode: null, truncated: true });
    expect(parsed.interrupted).toEqual(['two']);
    expect(parsed.sections['three']).toBeUndefined();
  });

  it('finds nothing in output with no marker at all (not our script)', () => {
    const parsed = parseProbeOutput('This account is currently not available.\n', plan, NONCE);
    expect(parsed.header).toBeUndefined();
    expect(parsed.sections).toEqual({});
    expect(parsed.preamble).toBe('This account is currently not available.\n');
  });

  it('reports out-of-order markers as problems instead of trusting them', () => {
    const text = `${m('H 1 uid=0 timeout=k root=yes')}${m('O 0 0 1 2')}${m('E 7')}${m('B 0')}x${m('E 0')}`;
    const parsed = parseProbeOutput(text, plan, NONCE);
    expect(parsed.problems.length).toBeGreaterThanOrEqual(2);
    expect(parsed.sections['one']).toBeUndefined();
  });

  it('never throws on random bytes, and random bytes never produce a section', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 4096 }), (bytes) => {
        const parsed = parseProbeOutput(Buffer.from(bytes), plan, NONCE);
        expect(Object.keys(parsed.sections)).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it('never throws on real output cut at any point or with bytes spliced in', () => {
    const real = realOutput();
    expect(parseProbeOutput(real, plan, NONCE).complete).toBe(true);
    fc.assert(
      fc.property(
        fc.nat({ max: real.length }),
        fc.uint8Array({ maxLength: 64 }),
        fc.nat({ max: real.length }),
        (cut, noise, at) => {
          const spliced = Buffer.concat([real.subarray(0, at), Buffer.from(noise), real.subarray(at)]);
          parseProbeOutput(real.subarray(0, cut), plan, NONCE);
          const parsed = parseProbeOutput(spliced, plan, NONCE);
          for (const s of Object.values(parsed.sections)) expect(typeof s.stdout).toBe('string');
        },
      ),
      { numRuns: 300 },
    );
  });

  it('handles large output (1 MB per section, 20 sections), cut at the cap', () => {
    const many: ProbePlan = {
      capBytes: 262144,
      probes: Array.from({ length: 20 }, (_, i) => ({
        index: i,
        keys: [`p${i}`],
        command: 'x',
        needsRoot: false,
        timeoutSeconds: 5,
      })),
    };
    const chunk = Buffer.alloc(1024 * 1024, 0x41).toString('latin1');
    const text =
      m('H 1 uid=0 timeout=k root=yes') + many.probes.map((p) => section(p.index, chunk, '')).join('') + m('Z');
    // No time is asserted (issue 15: never a measured duration in a test); the sizes are.
    const parsed = parseProbeOutput(Buffer.from(text, 'latin1'), many, NONCE);
    expect(Object.values(parsed.sections).every((s) => s.stdout.length === 262144 && s.truncated)).toBe(true);
    expect(Object.keys(parsed.sections)).toHaveLength(20);
  });
});

describe('hostile timestamps (issue 15, F4)', () => {
  it('a 400-digit timestamp gives a finite duration and a problem, not Infinity or NaN', () => {
    const huge = '9'.repeat(400);
    const text = `${m('H 1 uid=0 timeout=k root=yes')}${m('B 0 one')}A${m(`O 0 0 ${huge} ${huge}.5`)}${m('E 0')}${m('B 1 two')}B${m(`O 1 0 1 ${huge}`)}${m('E 1')}${m('Z')}`;
    const parsed = parseProbeOutput(text, plan, NONCE);
    for (const key of ['one', 'two']) {
      const d = parsed.sections[key]?.durationMs;
      expect([key, Number.isFinite(d), d]).toEqual([key, true, 0]);
    }
    expect(parsed.problems.filter((p) => p.includes('implausible timestamps'))).toHaveLength(2);
    // A duration of more than a day is a lie too.
    const long = parseProbeOutput(`${m('B 0 one')}A${m('O 0 0 1 1000000')}${m('E 0')}`, plan, NONCE);
    expect(long.sections['one']?.durationMs).toBe(0);
  });
});

describe('a timed-out probe carries its configured limit (issue 15: messages never quote a measured time)', () => {
  it('keeps the measured duration as a field and the limit beside it', () => {
    const text = `${m('H 1 uid=0 timeout=k root=yes')}${m('B 0 one')}${m('O 0 124 10.00 15.12')}${m('E 0')}${m('Z')}`;
    const one = parseProbeOutput(text, plan, NONCE).sections['one'];
    expect(one).toMatchObject({ timedOut: true, durationMs: 5120, timeoutSeconds: 5 });
  });
});
