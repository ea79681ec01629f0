/**
 * Evidence weights and the confidence scale on small hand-written runbooks: a deciding signature
 * decides, supporting lines and words never do, negative signatures and another command of the
 * same tool rule a runbook out, anchors (ports, versions) must match.
 */
import { describe, expect, it } from 'vitest';
import { CONFIDENT_FROM, confidenceFor, WEAK_CEILING } from '../../src/retrieval/confidence';
import { buildMatcher, type MatchDoc } from '../../src/retrieval/matcher';

const docs: MatchDoc[] = [
  {
    id: 'join',
    title: 'Widget join hangs',
    signatures: ["couldn't validate the identity of the widget server"],
    supports: ['[preflight] Running widget checks'],
    ruledOutBy: ['[ERROR Sprocket]: sprocket runtime is not running'],
    context: ['kubeadm join'],
    symptoms: ['the join task prints nothing for minutes'],
    cause: 'The widget server cannot be reached from the node.',
  },
  {
    id: 'port',
    title: 'Gizmo talks to the wrong port',
    signatures: ['The connection to the gizmo localhost:8080 was refused'],
    symptoms: ['gizmo says 8080 refused'],
    cause: 'Gizmo has no configuration and falls back to port 8080.',
  },
  {
    id: 'version',
    title: 'Gizmo version became a float',
    signatures: ['gizmo repo /stable:/v1.3/deb not found'],
    symptoms: ['the gizmo repository path has a short version'],
    cause: 'YAML read 1.30 as the number 1.3.',
  },
];
const matcher = buildMatcher(docs);
const top = (text: string) => matcher.match(text)[0];

describe('confidence from evidence weight', () => {
  it('a deciding signature gives a confident answer with the user line that matched', () => {
    const match = top("E1 10:00 error execution phase: couldn't validate the identity of the widget server: dial tcp");
    expect(match?.id).toBe('join');
    expect(match?.weak).toBe(false);
    expect(match?.confidence).toBeGreaterThanOrEqual(CONFIDENT_FROM);
    expect(match?.matched.line).toBe(
      "E1 10:00 error execution phase: couldn't validate the identity of the widget server: dial tcp",
    );
  });

  it('a supporting line alone is only possibly related', () => {
    const match = top('[preflight] Running widget checks');
    expect(match?.id).toBe('join');
    expect(match?.weak).toBe(true);
    expect(match?.confidence).toBeLessThanOrEqual(WEAK_CEILING);
  });

  it('a negative signature rules the runbook out and says which line did', () => {
    const match = top(
      "couldn't validate the identity of the widget server\n[ERROR Sprocket]: sprocket runtime is not running",
    );
    expect(match?.weak).toBe(true);
    expect(match?.ruledOutBy).toBe('[ERROR Sprocket]: sprocket runtime is not running');
  });

  it('another command of the same tool (context) rules the runbook out', () => {
    expect(top("$ kubeadm join\ncouldn't validate the identity of the widget server")?.weak).toBe(false);
    const init = top("$ kubeadm init\ncouldn't validate the identity of the widget server");
    expect(init?.id).toBe('join');
    expect(init?.weak).toBe(true);
  });

  it('a port or a version in a signature must match (anchors)', () => {
    expect(top('The connection to the gizmo localhost:8080 was refused')?.weak).toBe(false);
    const other = top('The connection to the gizmo 127.0.0.1:6443 was refused');
    expect(other === undefined || other.weak).toBe(true);
    expect(top('gizmo repo /stable:/v1.3/deb not found')?.weak).toBe(false);
    const healthy = top('gizmo repo /stable:/v1.28/deb not found');
    expect(healthy === undefined || healthy.weak).toBe(true);
  });

  it('says so when two runbooks tie', () => {
    const tied = buildMatcher([{ ...docs[1], id: 'a' } as MatchDoc, { ...docs[1], id: 'b' } as MatchDoc]).match(
      'The connection to the gizmo localhost:8080 was refused',
    );
    expect(tied.map((m) => [m.id, m.tie])).toEqual([
      ['a', true],
      ['b', true],
    ]);
    expect(top('The connection to the gizmo localhost:8080 was refused')?.tie).toBe(false);
  });

  it('the scale: deciding coverage maps to 0.6..1, negatives cap it', () => {
    expect(confidenceFor({ decides: 1, weak: 0, ruledOut: false, contextMismatch: false })).toBe(1);
    expect(confidenceFor({ decides: 0.8, weak: 0, ruledOut: false, contextMismatch: false })).toBe(CONFIDENT_FROM);
    expect(confidenceFor({ decides: 0.79, weak: 0.9, ruledOut: false, contextMismatch: false })).toBe(WEAK_CEILING);
    expect(confidenceFor({ decides: 1, weak: 0, ruledOut: true, contextMismatch: false })).toBeLessThan(CONFIDENT_FROM);
    expect(confidenceFor({ decides: 1, weak: 0, ruledOut: false, contextMismatch: true })).toBeLessThan(CONFIDENT_FROM);
  });
});
