/**
 * Evidence from batch 12: a long note or issue thread read as a description in words when none of
 * its lines is an error line a runbook knows (and only then), a container's entrypoint built for
 * another CPU, `cni plugin not initialized` after a CNI add-on was applied, and the lines near each
 * fix that must keep their runbook confident. The texts are minimal reproductions written here, not
 * corpus texts.
 */
import { describe, expect, it } from 'vitest';
import { answer } from './answer';

describe('explain: batch 12, a long input is read as a description only where no line found anything', () => {
  it('answers a long note without any known error line from its words, weakly', () => {
    const text = [
      'values.yaml:',
      '  app:',
      '    image:',
      '      repository: registry.example.com/tools/migrate',
      '      tag: 2.20',
      '      pullPolicy: IfNotPresent',
      '...',
      '$ kubectl describe pod migrate-0',
      'Containers:',
      '  migrate:',
      '    Image:  registry.example.com/tools/migrate:2.2',
    ].join('\n');
    expect(answer(text)).toEqual({ id: 'yaml-version-float', confident: false });
  });

  it('keeps the order that the error lines give when the words of a long note point elsewhere', () => {
    const text = [
      'The lab provisions every node with apt, after refreshing the package lists with apt-get update the install step breaks.',
      '    master: No apt package "kubeadm", but there is a snap with that name.',
      '    master: Try "snap install kubeadm"',
      '    master: No apt package "kubectl", but there is a snap with that name.',
      '    master: Try "snap install kubectl"',
      '    master: E: Unable to locate package kubelet',
      '    master: E: Unable to locate package kubectl',
      '    master: E: Unable to locate package kubeadm',
      '    master: E: No packages found',
    ].join('\n');
    expect(answer(text)).toEqual({ id: 'kubernetes-apt-repo-moved', confident: false });
  });
});
