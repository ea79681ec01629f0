// Writes public/report.schema.json: the JSON Schema of the `k8sdiag run --format json` report,
// generated from the zod schema (src/diagnostics/report/schema.ts) so the two never drift.
// test/diagnostics/report/schema.test.ts fails when the committed file is stale.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const tmp = join(root, 'build', `.report-schema-${process.pid}.mjs`);
mkdirSync(dirname(tmp), { recursive: true });
await build({
  entryPoints: [join(root, 'src/diagnostics/report/schema.ts')],
  bundle: true,
  platform: 'node',
  format: 'esm',
  outfile: tmp,
  logLevel: 'error',
});
try {
  const { reportJsonSchema } = await import(pathToFileURL(tmp).href);
  const out = join(root, 'public/report.schema.json');
  writeFileSync(out, `${JSON.stringify(reportJsonSchema(), null, 2)}\n`);
  console.log(`wrote ${out.slice(root.length + 1)}`);
} finally {
  rmSync(tmp, { force: true });
}
