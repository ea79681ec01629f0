/**
 * `k8sdiag analyze DIR`: judges probe-script output that another engine collected, one file per
 * host: Ansible's `-t DIR` tree (JSON per host, the script's output in `stdout`) or parallel-ssh's
 * `-o DIR` (raw stdout per host). Same parser, same analyzers, same report as `run`.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { K8sdiagError, terminalLine } from '../errors';
import { docsUrlOf, formatOf, langOf, reportColor } from '../options/common';
import { flag, list, listRaw, type ParsedValues, str } from '../options/table';
import { findNonce, planFromOutput } from '../probe/parse';
import { INFRA_PROBES } from '../probe/plan';
import { DEFAULT_CAP_BYTES } from '../probe/types';
import { buildReport } from '../report/build';
import { FORMATS, reporters } from '../report/reporters/index';
import { prepareOutput } from '../report/writer';
import { entryOf, readCapped } from '../targets/files';
import { parseHostSpec } from '../targets/host-spec';
import { loadInventory } from '../targets/inventory/index';
import type { Target } from '../targets/types';
import type { Collected } from '../transport/types';
import type { Probe } from '../types';
import { type Gathered, interpret, judge } from './diagnose';
import { inventoryParserOf, k8sVersionOf } from './options';
import { checkMeta, type RegistryCatalog } from './registry-catalog';
import { type Io, ignoring } from './run';

export interface SavedOutput {
  host: string;
  file: string;
  status: Collected['status'];
  reason?: string;
  output: Buffer;
  format: 'ansible' | 'pssh';
}

/** Largest output file read: a node's output cap (32 MiB) with room for Ansible's JSON escaping. */
export const MAX_OUTPUT_FILE_BYTES = 64 * 1024 * 1024;
/** Largest parallel-ssh error file read (ssh's message is a few lines). */
const MAX_ERROR_FILE_BYTES = 1024 * 1024;

/** One file of an Ansible -t tree or a parallel-ssh -o directory; an unreadable one is that host's error. */
export function readSavedOutput(file: string, host: string): SavedOutput {
  let bytes: Buffer;
  try {
    bytes = readCapped(file, MAX_OUTPUT_FILE_BYTES, 'this output file');
  } catch (error) {
    if (!(error instanceof K8sdiagError)) throw error;
    return { host, file, status: 'error', reason: error.message, output: Buffer.alloc(0), format: 'pssh' };
  }
  const head = bytes.subarray(0, 64).toString('latin1').trimStart();
  if (head.startsWith('{')) {
    let data: Record<string, unknown> | undefined;
    try {
      data = JSON.parse(bytes.toString('utf8')) as Record<string, unknown>;
    } catch {
      data = undefined;
    }
    if (data !== undefined && typeof data === 'object' && data !== null) {
      const msg = typeof data['msg'] === 'string' ? (data['msg'] as string).split('\n')[0] : undefined;
      if (data['unreachable'] === true) {
        return {
          host,
          file,
          status: 'unreachable',
          reason: `ansible: ${msg ?? 'unreachable'}`,
          output: Buffer.alloc(0),
          format: 'ansible',
        };
      }
      const stdout = typeof data['stdout'] === 'string' ? (data['stdout'] as string) : '';
      if (stdout === '' && data['failed'] === true) {
        return {
          host,
          file,
          status: 'error',
          reason: `ansible: ${msg ?? 'failed'}`,
          output: Buffer.alloc(0),
          format: 'ansible',
        };
      }
      // Ansible's script module runs under a pty: lines end in \r\n.
      const text = stdout.includes('\r\n@@K8SDIAG ') ? stdout.replace(/\r\n/g, '\n') : stdout;
      return { host, file, status: 'ok', output: Buffer.from(text, 'utf8'), format: 'ansible' };
    }
  }
  if (bytes.length === 0) {
    return {
      host,
      file,
      status: 'error',
      reason:
        'empty output: parallel-ssh writes nothing for a host it could not reach or run on (see its -e directory)',
      output: bytes,
      format: 'pssh',
    };
  }
  const crlf = bytes.includes('\r\n@@K8SDIAG ');
  return {
    host,
    file,
    status: 'ok',
    output: crlf ? Buffer.from(bytes.toString('latin1').replace(/\r\n/g, '\n'), 'latin1') : bytes,
    format: 'pssh',
  };
}

export function readOutputDir(dir: string, allowEmpty = false): SavedOutput[] {
  if (!existsSync(dir) || !statSync(dir).isDirectory())
    throw new K8sdiagError('E_INPUT', 'not a directory of collected outputs', { file: dir });
  const outputs: SavedOutput[] = [];
  for (const name of readdirSync(dir).sort()) {
    if (name.startsWith('.')) continue;
    const file = join(dir, name);
    if (entryOf(file).kind === 'dir') continue;
    outputs.push(readSavedOutput(file, name));
  }
  if (outputs.length === 0 && !allowEmpty) {
    throw new K8sdiagError(
      'E_INPUT',
      'no output files (expected one file per host from ansible -t or parallel-ssh -o)',
      { file: dir },
    );
  }
  return outputs;
}

/** How an ssh error line reads: the status of a host parallel-ssh could not run on. */
export function statusFromSshError(text: string): Collected['status'] {
  if (/REMOTE HOST IDENTIFICATION HAS CHANGED|Host key verification failed|host key .* not known/i.test(text))
    return 'host-key-refused';
  if (/Permission denied|Too many authentication failures/i.test(text)) return 'auth-failed';
  if (/Connection timed out|Operation timed out|Timed out|timeout/i.test(text)) return 'timeout';
  if (
    /Connection refused|No route to host|Network is unreachable|Could not resolve|Name or service not known/i.test(text)
  )
    return 'unreachable';
  return 'error';
}

/**
 * parallel-ssh writes nothing to -o for a host it could not reach; its -e directory has ssh's
 * message. Hosts with an error file and no usable output become nodes with that status.
 */
export function readErrorDir(dir: string, outputs: readonly SavedOutput[]): SavedOutput[] {
  if (!existsSync(dir) || !statSync(dir).isDirectory())
    throw new K8sdiagError('E_INPUT', '--errors: not a directory', { file: dir });
  const usable = new Set(outputs.filter((o) => o.status === 'ok').map((o) => o.host));
  const extra: SavedOutput[] = [];
  for (const name of readdirSync(dir).sort()) {
    const file = join(dir, name);
    if (name.startsWith('.') || usable.has(name) || entryOf(file).kind === 'dir') continue;
    let text: string;
    try {
      text = readCapped(file, MAX_ERROR_FILE_BYTES, 'this error file').toString('utf8');
    } catch (error) {
      if (!(error instanceof K8sdiagError)) throw error;
      text = error.message;
    }
    const line =
      text
        .split('\n')
        .map((l) => l.trim())
        .find(Boolean) ?? 'no output and no error text';
    extra.push({
      host: name,
      file,
      status: statusFromSshError(text),
      reason: `parallel-ssh: ${line}`,
      output: Buffer.alloc(0),
      format: 'pssh',
    });
  }
  return extra;
}

function scriptNonce(file: string): string {
  if (!existsSync(file)) throw new K8sdiagError('E_INPUT', 'probe script not found', { file });
  const lines = readFileSync(file, 'utf8').split('\n');
  const at = lines.findIndex((line) => /^k8sdiag_n=[0-9a-f]{32}$/.test(line));
  if (at === -1)
    throw new K8sdiagError('E_INPUT', 'not a k8sdiag probe script (no k8sdiag_n= line)', { file, line: 1 });
  return (lines[at] as string).slice('k8sdiag_n='.length);
}

export async function executeAnalyze(
  dir: string,
  values: ParsedValues,
  catalogIn: RegistryCatalog,
  io: Io,
): Promise<number> {
  const startedAt = new Date();
  const format = formatOf(values, FORMATS);
  const lang = langOf(values);
  const docsUrl = docsUrlOf(values, io.env);
  const ignore = list(values, 'ignore');
  const catalog = ignoring(catalogIn, ignore);
  const expectedK8sVersion = k8sVersionOf(values);
  const scriptFile = str(values, 'script');
  const output = str(values, 'output');
  const errorsOption = str(values, 'errors');
  const inputs = [
    ...listRaw(values, 'inventory'),
    ...(scriptFile === undefined ? [] : [scriptFile]),
    ...(errorsOption === undefined ? [] : [errorsOption]),
  ];
  const sink = prepareOutput(output, io.cwd, { inputs: [dir, ...inputs], inputDirs: [dir, ...inputs] });
  const fixedNonce = scriptFile === undefined ? undefined : scriptNonce(resolve(io.cwd, scriptFile));
  const found = readOutputDir(resolve(io.cwd, dir), str(values, 'errors') !== undefined);
  const errorsDir = str(values, 'errors');
  const failed = errorsDir === undefined ? [] : readErrorDir(resolve(io.cwd, errorsDir), found);
  const outputs = [...found.filter((o) => !failed.some((f) => f.host === o.host)), ...failed];
  if (outputs.length === 0)
    throw new K8sdiagError(
      'E_INPUT',
      'no output files (expected one file per host from ansible -t or parallel-ssh -o)',
      { file: dir },
    );

  const warnings: string[] = [];
  const inventoryTargets = new Map<string, Target>();
  for (const inventory of listRaw(values, 'inventory')) {
    const loaded = await loadInventory(inventory, inventoryParserOf(values));
    warnings.push(...loaded.warnings);
    for (const target of loaded.targets) inventoryTargets.set(target.name, target);
  }

  const known = new Map<string, Probe>();
  for (const probe of [
    ...INFRA_PROBES,
    ...[...catalog.nodeChecks, ...catalog.hostChecks, ...catalog.clusterChecks].flatMap((c) => c.probes),
  ]) {
    if (!known.has(probe.name)) known.set(probe.name, probe);
  }
  const unknownProbes = new Set<string>();
  const gathered: Gathered[] = outputs.map((saved) => {
    // parallel-ssh names files host or host:port; Ansible by inventory hostname.
    const name = saved.host;
    let spec: { host: string; port?: number; user?: string } = { host: name };
    try {
      spec = parseHostSpec(name, 'output file name');
    } catch {
      // not user@host:port shaped: keep the file name as the address
    }
    const target: Target = inventoryTargets.get(name) ??
      inventoryTargets.get(spec.host) ?? {
        name,
        host: spec.host,
        ...(spec.port === undefined ? {} : { port: spec.port }),
        ...(spec.user === undefined ? {} : { user: spec.user }),
        identityFiles: [],
        groups: [],
        kind: 'host',
        origin: { file: saved.file },
      };
    const nonce = fixedNonce ?? findNonce(saved.output);
    const base = {
      scriptStderr: '',
      exitCode: null,
      address: target.host,
      port: target.port ?? 0,
      user: target.user ?? '',
      durationMs: 0,
    };
    if (saved.status !== 'ok' || nonce === undefined) {
      const collected: Collected = {
        ...base,
        status: saved.status === 'ok' ? 'error' : saved.status,
        reason:
          saved.reason ?? 'no k8sdiag output in this file (no header marker): was it made by `k8sdiag probe-script`?',
        output: saved.status === 'ok' ? saved.output : Buffer.alloc(0),
      };
      return interpret(
        target,
        { capBytes: DEFAULT_CAP_BYTES, probes: [] },
        nonce ?? '0'.repeat(32),
        collected,
        'offline',
      );
    }
    const { plan, unknown } = planFromOutput(saved.output, nonce, known, DEFAULT_CAP_BYTES, 10);
    for (const name of unknown) unknownProbes.add(name);
    return interpret(target, plan, nonce, { ...base, status: 'ok', output: saved.output }, 'offline');
  });
  if (unknownProbes.size > 0) {
    warnings.push(
      `probes unknown to this k8sdiag were ignored: ${[...unknownProbes].sort().join(', ')} (script from another version?)`,
    );
  }
  for (const warning of warnings) io.err(`k8sdiag: warning: ${terminalLine(warning)}\n`);

  const diagnosis = judge(gathered, catalog, { expectedK8sVersion, keepSections: flag(values, 'raw') });
  const report = buildReport({
    version: io.version,
    runId: startedAt.getTime().toString(36),
    startedAt,
    finishedAt: new Date(),
    collector: 'analyze',
    docsUrl,
    lang,
    expectedK8sVersion,
    strict: flag(values, 'strict'),
    ignored: ignore,
    targetsFrom: [`${outputs[0]?.format === 'ansible' ? 'ansible -t' : 'parallel-ssh -o'} ${dir}`],
    nodes: diagnosis.nodes,
    cluster: diagnosis.cluster,
    meta: checkMeta(catalogIn),
    warnings,
  });
  const text = reporters[format](report, {
    color: reportColor(format, output !== undefined, io.stdoutIsTTY, io.env),
    verbose: flag(values, 'verbose'),
  });
  if (sink !== undefined) sink.write(text);
  else io.out(text);
  return report.summary.exitCode;
}
