/**
 * Build-time settings (issue 15 first contact, issue 9's VERSION): the site address is one
 * setting, K8SDIAG_SITE_URL, frozen into the bundled CLI's runbook links and fed to the site;
 * the version comes from package.json; no command module imports the command table (no circle).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_DOCS_URL } from '../../src/diagnostics/runbooks/runbooks';
import { VERSION } from '../../src/diagnostics/version';
import { LANGS } from '../../src/langs';
import { DEFAULT_SITE_URL, siteUrlFrom } from '../../src/site-url';

const ROOT = join(__dirname, '../..');
const dir = mkdtempSync(join(tmpdir(), 'k8sdiag-build-settings-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('K8SDIAG_SITE_URL', () => {
  it('defaults to the local `npm start` address and refuses what is not an http(s) URL', () => {
    expect(DEFAULT_SITE_URL).toBe('http://127.0.0.1:4321');
    expect(siteUrlFrom(undefined)).toBe(DEFAULT_SITE_URL);
    expect(siteUrlFrom('https://runbooks.example.org/docs/')).toBe('https://runbooks.example.org/docs');
    expect(() => siteUrlFrom('ftp://x')).toThrow(/must be an http/);
    expect(() => siteUrlFrom('not a url')).toThrow(/is not a URL/);
    expect(DEFAULT_DOCS_URL).toBe(siteUrlFrom(process.env['K8SDIAG_SITE_URL']));
  });

  it('is frozen into the bundled CLI at build time; the version is package.json’s', () => {
    const out = join(dir, 'k8sdiag.mjs');
    execFileSync(process.execPath, [join(ROOT, 'scripts/build-cli.mjs')], {
      cwd: ROOT,
      stdio: 'pipe',
      env: { ...process.env, K8SDIAG_CLI_OUT: out, K8SDIAG_SITE_URL: 'https://runbooks.example.org' },
    });
    const env = { PATH: process.env['PATH'] ?? '/usr/bin:/bin', K8SDIAG_SITE_URL: 'https://ignored.example' };
    const explained = execFileSync(
      process.execPath,
      [out, 'explain', 'cannot execute binary file: Exec format error'],
      {
        env,
        encoding: 'utf8',
      },
    );
    expect(explained).toContain('https://runbooks.example.org/runbooks/exec-format-error/');
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    expect(execFileSync(process.execPath, [out, '--version'], { env, encoding: 'utf8' }).trim()).toBe(pkg.version);
    expect(VERSION).toBe(pkg.version);
  });
});

describe('one home for VERSION and LANGS', () => {
  it('no command module imports the command table (the old import circle)', () => {
    const commands = join(ROOT, 'src/diagnostics/commands');
    const importers = readdirSync(commands).filter(
      (name) => name !== 'index.ts' && /from '\.\/index'/.test(readFileSync(join(commands, name), 'utf8')),
    );
    expect(importers).toEqual([]);
  });

  it('LANGS lives in a module without imports', () => {
    expect(LANGS).toEqual(['en', 'ko']);
    expect(readFileSync(join(ROOT, 'src/langs.ts'), 'utf8')).not.toMatch(/^import /m);
  });
});
