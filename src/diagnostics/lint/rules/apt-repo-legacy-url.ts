import { LEGACY_K8S_URL as LEGACY } from '../../facts/apt-repos';
import { echoedMessageOnly } from '../apt';
import { lineColumn, regionMatches } from '../match';
import { defineRule, type RuleReport } from '../types';

/**
 * A legacy deb line without signed-by has that second defect too; apt-source-unsigned leaves the line to this
 * rule (one line, one finding), so the fix written here carries it.
 */
function unsignedNote(line: string): string {
  if (!/(?<![\w-])deb\s/.test(line) || /signed-by=/.test(line)) return '';
  return '; the line has no signed-by either: write deb [signed-by=/etc/apt/keyrings/kubernetes-apt-keyring.gpg] https://pkgs.k8s.io/core:/stable:/v<minor>/deb/ /';
}

/** The file adds the legacy Kubernetes repository itself and says nothing of the Cloud SDK. */
function keyOfLegacyRepo(text: string): boolean {
  return /\b(?:apt|yum)\.kubernetes\.io\b|\bkubernetes-(?:xenial|el7)\b/.test(text) && !/cloud-sdk|gcloud/i.test(text);
}

export default defineRule({
  meta: {
    id: 'apt-repo-legacy-url',
    title: 'Legacy Google-hosted Kubernetes package repository',
    severity: 'error',
    runbook: 'kubernetes-apt-repo-moved',
    kinds: ['playbook', 'tasks', 'vars', 'inventory', 'shell', 'vagrantfile', 'template', 'yaml'],
    description:
      'apt.kubernetes.io and yum.kubernetes.io (packages.cloud.google.com) were frozen on 13 September 2023 and ' +
      'removed on 4 March 2024; apt update fails on them. Use the community repositories at ' +
      'https://pkgs.k8s.io/core:/stable:/v1.XX/deb/ with their own key. A packages.cloud.google.com URL is only ' +
      'flagged when its line or task is about Kubernetes (`kube...` or `k8s`; the Cloud SDK repository lives there too).',
  },
  check(file) {
    const reports: RuleReport[] = [];
    const lines = new Set<number>();
    for (const hit of regionMatches(file.regions, LEGACY, ['kubernetes.io', 'packages.cloud.google.com'])) {
      // One line, one finding (a gpgkey= line may name two key URLs).
      const line = file.lines.at(hit.start).line;
      if (lines.has(line)) continue;
      // `echo "Check https://packages.cloud.google.com/apt/dists"`: a message, nothing is fetched or written.
      if (echoedMessageOnly(hit.line, lineColumn(hit))) continue;
      const url = hit.match[0];
      if (url.startsWith('packages.cloud.google.com')) {
        // The Cloud SDK lives there too: count it when the line, task or shell body is about Kubernetes
        // (the dead key piped into apt-key add sits on a line of its own).
        if (/cloud-sdk|gcloud/i.test(hit.line)) continue;
        const body = hit.region.origin === 'shell' || hit.region.origin === 'template' ? hit.region.text : '';
        const context = `${hit.line} ${hit.region.task?.name ?? ''} ${body}`;
        // Or the file also adds the legacy Kubernetes repository and never the Cloud SDK (an apt_key task
        // named "Adding apt key" next to the apt.kubernetes.io source task).
        if (!/kube|k8s/i.test(context) && !keyOfLegacyRepo(file.text)) continue;
      }
      lines.add(line);
      reports.push({
        start: hit.start,
        end: hit.end,
        message: /\/doc\/[\w-]+\.gpg/.test(url)
          ? `${url} is the signing key of the legacy Kubernetes package repository (removed on 2024-03-04): the repository it signs is gone; use https://pkgs.k8s.io/core:/stable:/v<minor>/deb/Release.key with signed-by`
          : `${url} is the legacy Kubernetes package repository, frozen since 2023-09-13 and removed on 2024-03-04; use https://pkgs.k8s.io/core:/stable:/v<minor>/deb/ and its Release.key${unsignedNote(hit.line)}`,
      });
    }
    return reports;
  },
});
