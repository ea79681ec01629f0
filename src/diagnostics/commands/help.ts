/**
 * Help that reads well in 80 columns. The top level is one line per command (the details are in
 * `k8sdiag <command> --help`); a command's help from citty is wrapped: long description lines
 * at word boundaries, option tables with their description column kept as a hanging indent.
 */
export const HELP_WIDTH = 80;

/** One-line summaries for `k8sdiag --help`, in the order shown. */
export const SUMMARIES: ReadonlyArray<readonly [string, string]> = [
  ['run', 'diagnose nodes over SSH with read-only probes'],
  ['analyze', 'judge probe-script outputs collected by Ansible or parallel-ssh'],
  ['probe-script', 'print the read-only probe script for Ansible or parallel-ssh'],
  ['lint', 'check Vagrantfiles, playbooks, netplan and scripts'],
  ['explain', 'find the runbook for an error message'],
  ['runbook', 'print a runbook as terminal text'],
  ['checks', 'list every check and lint rule with its runbook'],
];

export function topLevelHelp(version: string): string {
  const width = Math.max(...SUMMARIES.map(([name]) => name.length));
  return [
    `k8sdiag ${version}: troubleshooting kit for Kubernetes clusters built on`,
    'Vagrant VMs with Ansible and kubeadm.',
    '',
    'Usage: k8sdiag <command> [options]',
    '',
    'Commands:',
    ...SUMMARIES.map(([name, summary]) => `  ${name.padEnd(width)}  ${summary}`),
    '',
    'Details and options: k8sdiag <command> --help',
    'Exit codes: 0 ok, 1 findings, 2 bad input, 3 nodes not reached (run),',
    '70 internal error.',
    '',
  ].join('\n');
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: removing ANSI colour is the point
const ANSI = /\u001b\[[0-9;]*m/g;

function wrapLine(line: string, width: number): string[] {
  const text = line.replace(/\s+$/, '');
  if (text.length <= width) return [text];
  // Option tables: "   --flag=<X>    description": continue under the description.
  const table = /^(\s*\S.*?\s{2,})\S/.exec(text);
  let indent = table ? (table[1] as string).length : (/^\s*/.exec(text)?.[0].length ?? 0);
  if (indent > width / 2) indent = 4;
  const pad = ' '.repeat(indent);
  const out: string[] = [];
  let current = text.slice(0, indent);
  let fresh = true;
  for (const word of text.slice(indent).split(/\s+/).filter(Boolean)) {
    let rest = word;
    while (rest.length > 0) {
      const room = width - current.length - (fresh ? 0 : 1);
      if (rest.length <= room) {
        current += (fresh ? '' : ' ') + rest;
        rest = '';
        fresh = false;
      } else if (!fresh) {
        out.push(current);
        current = pad;
        fresh = true;
      } else {
        // A word longer than the line (a URL): cut it.
        current += rest.slice(0, room);
        rest = rest.slice(room);
        out.push(current);
        current = pad;
      }
    }
  }
  if (!fresh) out.push(current);
  return out;
}

/** Every line at most `width` columns, colour removed. */
export function wrapHelp(text: string, width = HELP_WIDTH): string {
  return (
    text
      .replace(ANSI, '')
      // citty appends " (k8sdiag <command> vX)" to the description, which ends with a line break.
      .replace(/\n \(k8sdiag /g, '\n(k8sdiag ')
      .split('\n')
      .flatMap((line) => wrapLine(line, width))
      .join('\n')
  );
}
