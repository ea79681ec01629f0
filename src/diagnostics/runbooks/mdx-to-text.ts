/**
 * A runbook's MDX body as readable terminal text, for `k8sdiag runbook <id>`. Pure.
 * Drops MDX imports/exports, JSX tags (<Steps>, <Aside>, <Tabs> ...) and HTML comments; keeps
 * headings, lists, tables and fenced code (with its title); turns `:::caution` asides into a
 * labelled block; resolves site-relative links against the docs URL.
 * Colour comes in as picocolors formatters (the edge decides whether the terminal gets colour).
 */
import type { Colors } from 'picocolors/types';

export interface RenderOptions {
  colors: Colors;
  /** Base URL of the site, for links like /runbooks/x/ or ../x/. */
  docsUrl: string;
  /** URL of the page itself, for relative links and #anchors. */
  pageUrl: string;
}

const FENCE = /^(\s*)(`{3,}|~{3,})(.*)$/;
const JSX_LINE = /^\s*<\/?[A-Z][\w.]*(?:\s[^>]*)?\/?>\s*$/;
const JSX_ANY = /<\/?[A-Z][\w.]*(?:\s[^>]*)?\/?>/g;
const ASIDE_OPEN = /^\s*:::(\w+)(?:\[(.*)\])?\s*$/;
const ASIDE_CLOSE = /^\s*:::\s*$/;

function resolveLink(href: string, options: RenderOptions): string {
  if (/^[a-z][a-z0-9+.-]*:/i.test(href)) return href;
  try {
    if (href.startsWith('/')) return new URL(href.slice(1), `${options.docsUrl.replace(/\/+$/, '')}/`).href;
    return new URL(href, options.pageUrl).href;
  } catch {
    return href;
  }
}

function inline(line: string, options: RenderOptions): string {
  const { colors } = options;
  return line
    .replace(JSX_ANY, '')
    .replace(/!\[([^\]]*)\]\(([^)\s]+)[^)]*\)/g, (_m, alt: string) => `[${alt}]`)
    .replace(/\[([^\]]+)\]\(([^)\s]+)[^)]*\)/g, (_m, text: string, href: string) =>
      href.startsWith('#') ? text : `${text} (${colors.underline(resolveLink(href, options))})`,
    )
    .replace(/\*\*([^*]+)\*\*/g, (_m, text: string) => colors.bold(text))
    .replace(/`([^`]+)`/g, (_m, code: string) => colors.cyan(colors.isColorSupported ? code : `\`${code}\``));
}

export function mdxToText(body: string, options: RenderOptions): string {
  const { colors } = options;
  const out: string[] = [];
  const lines = body
    .replace(/\r\n/g, '\n')
    .replace(/<!--[\s\S]*?-->/g, '')
    .split('\n');
  let fence: { marker: string; indent: string } | undefined;
  let inExport = false;
  let inTag = false;
  for (const raw of lines) {
    if (fence !== undefined) {
      const close = FENCE.exec(raw);
      if (close?.[2]?.startsWith(fence.marker) && (close[3] ?? '').trim() === '') {
        fence = undefined;
        out.push('');
        continue;
      }
      const text = raw.startsWith(fence.indent) ? raw.slice(fence.indent.length) : raw.trimStart();
      out.push(`    ${colors.cyan(text)}`);
      continue;
    }
    if (inExport) {
      if (/^\s*$/.test(raw)) inExport = false;
      continue;
    }
    if (/^\s*import\s.+from\s+['"][^'"]+['"];?\s*$/.test(raw) || /^\s*import\s+['"][^'"]+['"];?\s*$/.test(raw))
      continue;
    if (/^\s*export\s/.test(raw)) {
      inExport = !/;\s*$/.test(raw);
      continue;
    }
    const open = FENCE.exec(raw);
    if (open) {
      const meta = open[3] ?? '';
      const title = /title=(?:"([^"]*)"|'([^']*)')/.exec(meta);
      const label = title?.[1] ?? title?.[2];
      fence = { marker: open[2] ?? '```', indent: open[1] ?? '' };
      if (label !== undefined) out.push(`  ${colors.dim(`── ${label}`)}`);
      continue;
    }
    if (inTag) {
      if (raw.includes('>')) inTag = false;
      continue;
    }
    if (/^\s*<\/?[A-Z][\w.]*(?:\s[^>]*)?$/.test(raw)) {
      inTag = true; // a JSX tag whose attributes span several lines
      continue;
    }
    if (JSX_LINE.test(raw)) continue;
    const asideOpen = ASIDE_OPEN.exec(raw);
    if (asideOpen) {
      const kind = (asideOpen[1] ?? 'note').toUpperCase();
      const label = asideOpen[2] ? `${kind}: ${asideOpen[2]}` : kind;
      out.push(colors.yellow(colors.bold(`${label}`)));
      continue;
    }
    if (ASIDE_CLOSE.test(raw)) continue;
    const heading = /^(#{1,6})\s+(.*)$/.exec(raw);
    if (heading) {
      const level = heading[1]?.length ?? 2;
      const text = inline(heading[2] ?? '', options);
      if (out.length > 0 && out[out.length - 1] !== '') out.push('');
      out.push(colors.isColorSupported ? colors.bold(colors.magenta(text)) : `${'#'.repeat(level)} ${text}`);
      continue;
    }
    out.push(inline(raw, options));
  }
  // Collapse runs of blank lines left by removed imports and tags.
  const collapsed: string[] = [];
  for (const line of out) {
    const blank = line.trim() === '';
    if (blank && (collapsed.length === 0 || collapsed[collapsed.length - 1]?.trim() === '')) continue;
    collapsed.push(blank ? '' : line.replace(/\s+$/, ''));
  }
  while (collapsed.length > 0 && collapsed[collapsed.length - 1] === '') collapsed.pop();
  return `${collapsed.join('\n')}\n`;
}
