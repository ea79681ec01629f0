/**
 * `--help` reads well in 80 columns (issue 15 first contact: the top level printed lines of 1,130
 * characters): one line per command at the top, every line of every command's help at most 80.
 */
import { type CommandDef, renderUsage } from 'citty';
import { describe, expect, it } from 'vitest';
import { HELP_WIDTH, SUMMARIES, topLevelHelp, wrapHelp } from '../../src/diagnostics/commands/help';
import { COMMANDS } from '../../src/diagnostics/commands/index';

// biome-ignore lint/suspicious/noControlCharactersInRegex: removing ANSI colour is the point
const ANSI = /\u001b\[[0-9;]*m/g;
const tooLong = (text: string): string[] => text.split('\n').filter((line) => line.length > HELP_WIDTH);

describe('help in 80 columns', () => {
  it('the top level lists every command on one line of its own', () => {
    const help = topLevelHelp('0.1.0');
    expect(tooLong(help)).toEqual([]);
    const names = Object.keys(COMMANDS.subCommands as object);
    expect(SUMMARIES.map(([name]) => name)).toEqual(names);
    for (const name of names) expect(help).toMatch(new RegExp(`^  ${name} +\\S`, 'm'));
  });

  it.each(SUMMARIES.map(([name]) => name))('k8sdiag %s --help: no line over 80 columns, nothing lost', async (name) => {
    const load = (COMMANDS.subCommands as Record<string, () => Promise<CommandDef>>)[name];
    const command = await (load as () => Promise<CommandDef>)();
    const raw = await renderUsage(command, COMMANDS);
    const help = wrapHelp(raw);
    expect(tooLong(help)).toEqual([]);
    // Wrapping moves words, never drops them.
    const words = (text: string): string[] => text.replace(ANSI, '').split(/\s+/).filter(Boolean);
    expect(words(help).join(' ')).toBe(words(raw).join(' '));
  });

  it('cuts a word longer than a line rather than overflowing', () => {
    const url = `https://example.org/${'x'.repeat(120)}`;
    expect(tooLong(wrapHelp(`see ${url} for more`))).toEqual([]);
  });
});
