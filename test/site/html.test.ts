/**
 * Every built page (English and Korean) is valid HTML and has no broken internal link: each
 * href/src/srcset that stays on the site names a file in dist/, and each #fragment names an id on
 * the target page. Korean pages link to Korean pages.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { HtmlValidate, type Message } from 'html-validate';
import { type DefaultTreeAdapterMap, parse } from 'parse5';
import { beforeAll, describe, expect, it } from 'vitest';
import { SITE_URL } from '../../src/site-url';
import { assertBuilt, builtHtmlFiles, distDir } from './built-site';

type Element = DefaultTreeAdapterMap['element'];
type ParentNode = DefaultTreeAdapterMap['parentNode'];

/** The site's canonical origin (astro.config.mjs `site`): links to it are internal links. */
const SITE_ORIGIN = new URL(SITE_URL).origin; // K8SDIAG_SITE_URL at build time

const validator = new HtmlValidate({
  extends: ['html-validate:standard', 'html-validate:document'],
  rules: {
    // Subresource integrity matters for resources from other origins; every asset here is local.
    'require-sri': ['error', { target: 'crossorigin' }],
    // Starlight renders the "On this page" <h2> of the right sidebar before the page's <h1>.
    'heading-level': ['error', { minInitialRank: 'h2' }],
  },
});

/**
 * Known, upstream markup that the HTML spec does not allow, accepted with a reason each:
 * Expressive Code (Starlight's code blocks) puts one <div class="ec-line"> per line inside <code>,
 * and a <div> inside its copy button. Browsers render both; k8sdiag does not generate this markup.
 */
function isKnownUpstream(message: Message): boolean {
  if (message.ruleId !== 'element-permitted-content') return false;
  return (
    (message.message === '<div> element is not permitted as content under <code>' &&
      / > figure > pre > code > div/.test(message.selector ?? '')) ||
    (message.message === '<div> element is not permitted as content under <button>' &&
      / > figure > div > button > div/.test(message.selector ?? ''))
  );
}

interface Page {
  file: string;
  /** URL path of the page: /ko/runbooks/x/ for ko/runbooks/x/index.html */
  url: string;
  html: string;
  document: DefaultTreeAdapterMap['document'];
}

function pageUrl(file: string): string {
  if (file === 'index.html') return '/';
  if (file.endsWith('/index.html')) return `/${file.slice(0, -'index.html'.length)}`;
  return `/${file}`;
}

function* elements(node: ParentNode): Generator<Element> {
  for (const child of node.childNodes) {
    if ('tagName' in child) {
      yield child;
      yield* elements(child);
      if (child.tagName === 'template' && 'content' in child) yield* elements(child.content as ParentNode);
    }
  }
}

function attr(element: Element, name: string): string | undefined {
  return element.attrs.find((a) => a.name === name)?.value;
}

function hasAncestor(element: Element, tagName: string): boolean {
  let node: ParentNode | null = element.parentNode;
  while (node && 'tagName' in node) {
    if (node.tagName === tagName) return true;
    node = node.parentNode;
  }
  return false;
}

/** Every URL a page references: a[href], link[href], script[src], img[src], srcset entries... */
function references(page: Page): Array<{ url: string; element: Element }> {
  const out: Array<{ url: string; element: Element }> = [];
  for (const element of elements(page.document)) {
    for (const name of ['href', 'src', 'poster', 'data']) {
      const value = attr(element, name);
      if (value !== undefined && !(element.tagName === 'object' && name !== 'data')) out.push({ url: value, element });
    }
    const srcset = attr(element, 'srcset');
    if (srcset) {
      for (const candidate of srcset.split(',')) {
        const url = candidate.trim().split(/\s+/)[0];
        if (url) out.push({ url, element });
      }
    }
  }
  return out;
}

/** The file in dist/ a site path resolves to, the way a static host serves it. */
function fileFor(pathname: string): string | undefined {
  const decoded = decodeURIComponent(pathname);
  const direct = join(distDir, decoded);
  if (decoded.endsWith('/')) {
    const index = join(direct, 'index.html');
    return existsSync(index) ? index : undefined;
  }
  if (existsSync(direct) && statSync(direct).isFile()) return direct;
  const index = join(direct, 'index.html');
  return existsSync(index) ? index : undefined;
}

const idCache = new Map<string, Set<string>>();
function idsOf(file: string): Set<string> {
  let ids = idCache.get(file);
  if (!ids) {
    ids = new Set<string>();
    for (const element of elements(parse(readFileSync(file, 'utf8')))) {
      const id = attr(element, 'id');
      if (id) ids.add(id);
      const name = element.tagName === 'a' ? attr(element, 'name') : undefined;
      if (name) ids.add(name);
    }
    idCache.set(file, ids);
  }
  return ids;
}

let pages: Page[] = [];

beforeAll(() => {
  assertBuilt();
  pages = builtHtmlFiles().map((file) => {
    const html = readFileSync(join(distDir, file), 'utf8');
    return { file, url: pageUrl(file), html, document: parse(html) };
  });
});

describe('built site', () => {
  it('has both languages: every English page has a Korean twin', () => {
    const english = pages.filter((p) => !p.url.startsWith('/ko/') && p.file !== '404.html').map((p) => p.url);
    const korean = new Set(pages.filter((p) => p.url.startsWith('/ko/')).map((p) => p.url.slice('/ko'.length)));
    expect(english.length).toBeGreaterThanOrEqual(15);
    expect(english.filter((url) => !korean.has(url))).toEqual([]);
  });

  it('every page is valid HTML', async () => {
    const problems: string[] = [];
    for (const page of pages) {
      const report = await validator.validateString(page.html, page.file);
      for (const result of report.results) {
        for (const message of result.messages) {
          if (isKnownUpstream(message)) continue;
          problems.push(`${page.file}:${message.line}:${message.column} ${message.ruleId}: ${message.message}`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('every internal link and asset reference resolves, #fragments included', () => {
    const broken: string[] = [];
    let checked = 0;
    for (const page of pages) {
      const base = new URL(page.url, `${SITE_ORIGIN}/`);
      for (const { url: raw, element } of references(page)) {
        if (/^(mailto|tel|data|javascript|blob):/i.test(raw)) continue;
        // Starlight gives its single 404.html a canonical and hreflang alternates at /404/ and
        // /ko/404/; a static host serves that file for any missing path, not at those URLs.
        if (
          page.file === '404.html' &&
          element.tagName === 'link' &&
          /^(canonical|alternate)$/.test(attr(element, 'rel') ?? '')
        )
          continue;
        let url: URL;
        try {
          url = new URL(raw, base);
        } catch {
          broken.push(`${page.file}: <${element.tagName}> unparsable URL "${raw}"`);
          continue;
        }
        if (url.origin !== SITE_ORIGIN) continue; // another site: not checked offline
        checked += 1;
        const file = fileFor(url.pathname);
        if (!file) {
          broken.push(`${page.file}: <${element.tagName}> "${raw}" -> ${url.pathname} does not exist`);
          continue;
        }
        const fragment = decodeURIComponent(url.hash.slice(1));
        if (fragment !== '' && file.endsWith('.html') && !idsOf(file).has(fragment)) {
          broken.push(`${page.file}: <${element.tagName}> "${raw}" -> no id="${fragment}" on ${url.pathname}`);
        }
      }
    }
    expect(checked).toBeGreaterThan(500);
    expect(broken).toEqual([]);
  });

  it('Korean pages link to Korean pages from their content', () => {
    const leaks: string[] = [];
    for (const page of pages.filter((p) => p.url.startsWith('/ko/'))) {
      for (const element of elements(page.document)) {
        if (element.tagName !== 'a' || !hasAncestor(element, 'main')) continue;
        const href = attr(element, 'href');
        if (!href) continue;
        const url = new URL(href, new URL(page.url, `${SITE_ORIGIN}/`));
        if (url.origin !== SITE_ORIGIN) continue;
        const target = fileFor(url.pathname);
        if (target?.endsWith('.html') && !url.pathname.startsWith('/ko/')) {
          leaks.push(`${page.file}: "${href}" leads to the English page ${url.pathname}`);
        }
      }
    }
    expect(leaks).toEqual([]);
  });

  it('every URL in the sitemap is a built page', () => {
    const sitemap = readFileSync(join(distDir, 'sitemap-0.xml'), 'utf8');
    const locs = [...sitemap.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1] ?? '');
    expect(locs.length).toBeGreaterThan(20);
    const missing = locs.filter((loc) => !fileFor(new URL(loc).pathname));
    expect(missing).toEqual([]);
  });
});
