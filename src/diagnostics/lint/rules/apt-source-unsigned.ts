import { isLegacyKubernetesSource } from '../../facts/apt-repos';
import { DEB_LINE, removedRepository } from '../apt';
import { lineColumn, regionMatches } from '../match';
import { defineRule, type RuleReport } from '../types';

/** A deb822 source (`Types: deb` ... `URIs:`), checked for a Signed-By field. */
const DEB822_URIS = /^[ \t]*URIs:[ \t]*\S.*$/gm;
/** Archives signed by the distribution's own keyring. */
const DISTRO =
  /(?:^|\/\/)(?:[a-z0-9-]+\.)?(?:archive|security|ports)\.ubuntu\.com|(?:^|\/\/)(?:deb|security|ftp|httpredir)\.debian\.org|(?:^|\/\/)[a-z]{2}\.archive\.ubuntu\.com/;

export default defineRule({
  meta: {
    id: 'apt-source-unsigned',
    title: 'Third-party apt source without signed-by',
    severity: 'warning',
    runbook: 'kubernetes-apt-repo-moved',
    kinds: ['playbook', 'tasks', 'vars', 'shell', 'vagrantfile', 'template', 'yaml'],
    description:
      'A third-party `deb` line (apt_repository repo, echo/tee into sources.list.d, a .list template) with no ' +
      '`[signed-by=/etc/apt/keyrings/...]`, a deb822 source without Signed-By, a deb822_repository task without ' +
      'signed_by, and `trusted=yes`. Without signed-by the source relies on keys trusted for every repository (apt-key), ' +
      'which newer Ubuntu and Debian no longer provide: apt update fails with NO_PUBKEY. Distribution archives ' +
      '(archive.ubuntu.com, deb.debian.org, ...) and PPAs pass. A legacy apt.kubernetes.io line is not reported here ' +
      'although it has no signed-by: it is one mistake with one fix (replace the line with a pkgs.k8s.io source that ' +
      'carries signed-by), reported once by apt-repo-legacy-url; a second finding on the same line would only repeat it.',
  },
  check(file) {
    const reports: RuleReport[] = [];
    for (const hit of regionMatches(file.regions, DEB_LINE, ['deb'])) {
      const options = hit.match[1] ?? '';
      const uri = hit.match[2] ?? '';
      // add-apt-repository -r "deb ...": the source is being removed.
      if (removedRepository(hit.line, lineColumn(hit))) continue;
      if (/\btrusted=yes\b/.test(options)) {
        reports.push({
          start: hit.start,
          end: hit.end,
          message: `"trusted=yes" turns off signature checks for ${uri}; use signed-by=/etc/apt/keyrings/<name>.gpg instead`,
        });
        continue;
      }
      if (/\bsigned-by=/.test(options) || DISTRO.test(uri)) continue;
      // A legacy Kubernetes repository is one mistake, reported once by apt-repo-legacy-url.
      if (isLegacyKubernetesSource(uri)) continue;
      reports.push({
        start: hit.start,
        end: hit.end,
        message: `apt source ${uri} has no signed-by: apt falls back to keys trusted for every repository (apt-key) and fails with NO_PUBKEY where there are none; write deb [signed-by=/etc/apt/keyrings/<name>.gpg] ${uri} ...`,
      });
    }
    for (const region of file.regions) {
      if (
        !region.text.includes('Types:') ||
        !/^[ \t]*Types:[ \t]*deb\b/m.test(region.text) ||
        /^[ \t]*Signed-By:/im.test(region.text)
      )
        continue;
      DEB822_URIS.lastIndex = 0;
      for (let m = DEB822_URIS.exec(region.text); m !== null; m = DEB822_URIS.exec(region.text)) {
        if (DISTRO.test(m[0])) continue;
        const start = region.start + m.index + (m[0].length - m[0].trimStart().length);
        reports.push({
          start,
          end: region.start + m.index + m[0].length,
          message: 'deb822 source without a Signed-By field; add Signed-By: /etc/apt/keyrings/<name>.gpg',
        });
      }
    }
    for (const task of file.tasks) {
      if (task.module !== 'deb822_repository' || task.args.has('signed_by')) continue;
      if (String(task.args.get('state')?.value ?? 'present') === 'absent') continue;
      const uris = String(task.args.get('uris')?.value ?? '');
      if (DISTRO.test(uris)) continue;
      reports.push({
        start: task.moduleKey?.range?.[0] ?? task.start,
        end: task.moduleKey?.range?.[1] ?? task.end,
        message:
          'deb822_repository without signed_by: set signed_by to the key URL or the key file under /etc/apt/keyrings',
      });
    }
    return reports;
  },
});
