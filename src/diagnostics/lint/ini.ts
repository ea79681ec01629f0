/**
 * Ansible INI inventory: host lines (`node1 ansible_host=... k8s_version=1.30`) and [group:vars]
 * sections, with the offset of every value. Comments start with `#` or `;`.
 */
import type { IniVar } from './types';

const PAIR = /([A-Za-z_][A-Za-z0-9_]*)=("(?:[^"\\]|\\.)*"|'[^']*'|\S+)/g;

export function readIniInventory(text: string): IniVar[] {
  const out: IniVar[] = [];
  let section = 'ungrouped';
  let offset = 0;
  for (const rawLine of text.split('\n')) {
    const lineStart = offset;
    offset += rawLine.length + 1;
    const line = rawLine.replace(/\r$/, '');
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#') || trimmed.startsWith(';')) continue;
    const header = /^\[([^\]]+)\]/.exec(trimmed);
    if (header) {
      section = header[1] as string;
      continue;
    }
    if (section.endsWith(':children')) continue;
    const isVars = section.endsWith(':vars');
    // Strip a trailing comment (` #...`) outside quotes.
    let body = line;
    const comment = /\s[#;].*$/.exec(line.replace(/"(?:[^"\\]|\\.)*"|'[^']*'/g, (q) => 'x'.repeat(q.length)));
    if (comment) body = line.slice(0, comment.index);
    if (isVars) {
      const eq = body.indexOf('=');
      if (eq < 0) continue;
      const key = body.slice(0, eq).trim();
      const valueText = body.slice(eq + 1);
      const lead = valueText.length - valueText.trimStart().length;
      const raw = valueText.trim();
      const start = lineStart + eq + 1 + lead;
      out.push({ key, raw, start, end: start + raw.length, scope: 'group' });
      continue;
    }
    PAIR.lastIndex = 0;
    // The first word is the host pattern.
    const firstSpace = body.search(/\s/);
    if (firstSpace < 0) continue;
    const rest = body.slice(firstSpace);
    for (let m = PAIR.exec(rest); m !== null; m = PAIR.exec(rest)) {
      const raw = m[2] as string;
      const start = lineStart + firstSpace + m.index + (m[1] as string).length + 1;
      out.push({ key: m[1] as string, raw, start, end: start + raw.length, scope: 'host' });
    }
  }
  return out;
}

/** The value Ansible 2.14 gives a raw INI value as text (quotes removed); numbers stay text here. */
export function iniText(raw: string): { text: string; quoted: boolean } {
  const quoted = /^(["']).*\1$/.test(raw);
  return { text: quoted ? raw.slice(1, -1) : raw, quoted };
}
