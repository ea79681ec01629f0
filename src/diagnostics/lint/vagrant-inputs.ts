/**
 * What a Vagrantfile reads besides itself, for ruby-eval.ts: settings files it loads
 * (`YAML.load_file`, `JSON.parse(File.read(...))`) and the dotenv file of vagrant-env
 * (`config.env.enable`: `.env`, else the committed template `.env.example` / `.env.dist` /
 * `.env.sample`, which documents the values a user starts from). The file reader is passed in.
 */
import { parse } from 'yaml';
import type { RubyToken } from './ruby';
import { assignments, dataFileOf, parseDotenv, type RubyInputs } from './ruby-eval';

/** Reads a file next to the Vagrantfile (relative path); undefined when absent or unreadable. */
export type SiblingReader = (relativePath: string) => string | undefined;

const DOTENV = ['.env', '.env.example', '.env.dist', '.env.sample', '.env.template', '.env.local'];

export function vagrantInputs(
  text: string,
  tokens: readonly RubyToken[],
  read: SiblingReader | undefined,
): { inputs: RubyInputs; texts: string[] } {
  const data = new Map<string, unknown>();
  const texts: string[] = [];
  let env = new Map<string, string>();
  if (read === undefined) return { inputs: { data, env }, texts };
  for (const list of assignments(tokens).values()) {
    for (const a of list) {
      const path = dataFileOf(a.value);
      if (path === undefined || data.has(path)) continue;
      const body = read(path);
      if (body === undefined) continue;
      try {
        data.set(path, /\.json$/i.test(path) ? JSON.parse(body) : parse(body));
        texts.push(body);
      } catch {
        // A settings file that does not parse gives nothing to evaluate.
      }
    }
  }
  if (/\bconfig\.env\.enable\b|\bDotenv\.load\b/.test(text)) {
    for (const name of DOTENV) {
      const body = read(name);
      if (body === undefined) continue;
      env = parseDotenv(body);
      break;
    }
  }
  return { inputs: { data, env }, texts };
}
