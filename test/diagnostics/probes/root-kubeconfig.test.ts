import { describe, expect, it } from 'vitest';
import { parseRootKubeconfig } from '../../../src/diagnostics/probes/root-kubeconfig';
import { fixtureLines, out } from './fixture';

describe('parseRootKubeconfig', () => {
  it.each([
    [
      'user-kubeconfig-missing/vagrant-missing-root-has.root-kubeconfig',
      ['/root/.kube/config', '/etc/kubernetes/admin.conf'],
    ],
    ['user-kubeconfig-missing/worker-none.root-kubeconfig', []],
  ])('reads %s', (path, value) => {
    expect(parseRootKubeconfig(fixtureLines(path))).toEqual({ ok: true, value });
  });

  it.each([
    [
      'another state',
      'exists /root/.kube/config\n### end',
      'expected "present|absent <path>" lines',
      'exists /root/.kube/config',
      1,
    ],
    [
      'a relative path',
      'present .kube/config\n### end',
      'expected "present|absent <path>" lines',
      'present .kube/config',
      1,
    ],
    ['a marker block', 'absent /root/.kube/config\n### extra x\n### end', 'unknown marker', '### extra', 2],
  ])('rejects %s', (_name, text, what, line, no) => {
    expect(parseRootKubeconfig(out(text))).toEqual({ ok: false, what, line, no });
  });
});
