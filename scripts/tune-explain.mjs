// Tuning aid (not a test): runs `explain` over the tuning data (real.jsonl, both its tuning part and
// the third seen in session 1, and the prose files) and prints each miss and false alarm. The
// later batches that have been seen since (real-2.jsonl, real-3.jsonl, real-4.jsonl with
// prose-{en,ko}-c.tsv, real-5.jsonl with prose-{en,ko}-d.tsv, real-6.jsonl with prose-{en,ko}-e.tsv,
// real-7.jsonl with prose-{en,ko}-f.tsv, real-8.jsonl with prose-{en,ko}-g.tsv, real-9.jsonl with
// prose-{en,ko}-h.tsv, real-10.jsonl, real-11.jsonl, real-12.jsonl, real-13.jsonl, real-14.jsonl,
// real-15.jsonl) are printed only with --batch2 / --batch3 / --batch4 / --batch5 / --batch6 / --batch7 /
// --batch8 / --batch9 / --batch10 / --batch11 / --batch12 / --batch13 / --batch14 / --batch15; a held-out part
// (batch 16 now) is never read here
// (loadCorpus({ heldOut: false })). Rates come from test/diagnostics/explain/corpus.test.ts.
//   node scripts/tune-explain.mjs [real|prose-en|prose-ko] [--all] [--batch2] [--batch3] [--batch4] [--batch5] [--batch6] [--batch7] [--batch8] [--batch9] [--batch10] [--batch11] [--batch12] [--batch13] [--batch14] [--batch15]
import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'build/tune', `tune-${process.pid}.mjs`);
mkdirSync(dirname(out), { recursive: true });
await build({
  stdin: {
    contents: `
      export { loadCorpus } from './test/diagnostics/explain/corpus/corpus.ts';
      export { explain } from './src/diagnostics/explain/explain.ts';
      export { readRunbooksFromDisk } from './src/diagnostics/runbooks/read-runbooks.ts';
    `,
    resolveDir: root,
    loader: 'ts',
  },
  bundle: true,
  platform: 'node',
  format: 'esm',
  packages: 'external',
  outfile: out,
  define: { 'import.meta.dirname': JSON.stringify(join(root, 'test/diagnostics/explain/corpus')) },
  logLevel: 'error',
});
const { loadCorpus, explain, readRunbooksFromDisk } = await import(pathToFileURL(out).href);
const entries = readRunbooksFromDisk(root);
const ids = new Set(entries.map((e) => e.frontmatter.runbook));
const only = process.argv[2] && !process.argv[2].startsWith('--') ? process.argv[2] : undefined;
const showAll = process.argv.includes('--all');
const stats = {};
const withBatch = {
  batch2: process.argv.includes('--batch2'),
  batch3: process.argv.includes('--batch3'),
  batch4: process.argv.includes('--batch4'),
  batch5: process.argv.includes('--batch5'),
  batch6: process.argv.includes('--batch6'),
  batch7: process.argv.includes('--batch7'),
  batch8: process.argv.includes('--batch8'),
  batch9: process.argv.includes('--batch9'),
  batch10: process.argv.includes('--batch10'),
  batch11: process.argv.includes('--batch11'),
  batch12: process.argv.includes('--batch12'),
  batch13: process.argv.includes('--batch13'),
  batch14: process.argv.includes('--batch14'),
  batch15: process.argv.includes('--batch15'),
};
for (const item of loadCorpus({ heldOut: false })) {
  if (item.heldOut) continue;
  if (item.part in withBatch && !withBatch[item.part]) continue;
  if (only && item.source !== only) continue;
  const found = explain({ text: item.text, lang: 'en', entries, url: (id) => id, limit: 3 });
  const top = found[0];
  const inScope = ids.has(item.expected);
  stats[`${item.source} ${item.part}`] ??= { in: 0, top1: 0, confidentRight: 0, confidentWrong: 0, out: 0, alarm: 0 };
  const s = stats[`${item.source} ${item.part}`];
  const desc = found.map((f) => `${f.id}(${f.confidence.toFixed(2)}${f.weak ? 'w' : ''})`).join(' ');
  const text = item.text.replace(/\s+/g, ' ').slice(0, 150);
  if (inScope) {
    s.in += 1;
    const ok = top?.id === item.expected;
    if (ok) s.top1 += 1;
    if (ok && !top.weak) s.confidentRight += 1;
    if (!ok && top !== undefined && !top.weak) s.confidentWrong += 1;
    if (!ok || showAll) console.log(`${ok ? 'ok  ' : 'MISS'} ${item.id} want ${item.expected}: ${desc}\n      ${text}`);
  } else {
    s.out += 1;
    const alarm = top !== undefined && !top.weak;
    if (alarm) s.alarm += 1;
    if (alarm || showAll)
      console.log(
        `${alarm ? 'ALARM' : 'ok   '} ${item.id} (${item.expected}): ${desc} | ${top?.matched.line ?? ''}\n      ${text}`,
      );
  }
}
for (const [source, s] of Object.entries(stats)) {
  console.log(
    `${source.padEnd(16)}: in scope top-1 ${s.top1}/${s.in} (confident and right ${s.confidentRight}, confident and wrong ${s.confidentWrong}), out of scope confident ${s.alarm}/${s.out}`,
  );
}
