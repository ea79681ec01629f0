/**
 * Lint across worker threads. Reading and parsing dominate lint time (the YAML parse most of all),
 * so the discovered files are split over N threads; each parses its share once and sends back the
 * facts its files contribute; the main thread merges the facts and sends them back; each thread
 * runs the rules on the files it already holds. Findings are the same as a single-thread run
 * (a test holds the two against each other).
 *
 * The worker is the same module file that started the run (the bundled CLI): it is started with
 * argv `lint` and `workerData.k8sdiagLintWorker`, and the lint command hands over to
 * runLintWorker() when it sees that marker.
 */
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { K8sdiagError } from '../errors';
import type { Lang } from '../runbooks/runbooks';
import { type DiscoveredFile, discover } from './discovery';
import { type EngineOptions, lintFiles, sortFindings } from './engine';
import { type FactsTable, type FileFacts, factsTable, fileFacts } from './facts';
import type { SkippedFile } from './parse';
import { type LintResult, type LintRunOptions, lintDiscovered, parseDiscovered } from './run';
import type { HostArch, LintError, LintFinding, Severity } from './types';

interface WorkerOptions {
  hostArch: HostArch;
  ignore: string[];
  severity: Array<[string, Severity]>;
  docsUrl: string | undefined;
  lang: Lang | undefined;
}

interface WorkerInput {
  k8sdiagLintWorker: true;
  files: Array<DiscoveredFile & { index: number }>;
  options: WorkerOptions;
}

type FromWorker =
  | {
      type: 'parsed';
      parts: Array<{ index: number; facts: FileFacts }>;
      errors: LintError[];
      skipped: SkippedFile[];
      files: Array<{ index: number; path: string; kind: string }>;
    }
  | { type: 'findings'; findings: LintFinding[] };

type ToWorker = { type: 'lint'; facts: FactsTable };

/** Below this many files a single thread is faster than starting workers. */
export const PARALLEL_MIN_FILES = 400;

export function isLintWorker(): boolean {
  return !isMainThread && (workerData as Partial<WorkerInput> | null)?.k8sdiagLintWorker === true;
}

function engineOptions(options: WorkerOptions): EngineOptions {
  const engine: EngineOptions = {
    hostArch: options.hostArch,
    ignore: new Set(options.ignore),
    severity: new Map(options.severity),
  };
  if (options.docsUrl !== undefined) engine.docsUrl = options.docsUrl;
  if (options.lang !== undefined) engine.lang = options.lang;
  return engine;
}

/** The worker side: parse the share, report facts, wait for the merged facts, report findings. */
export function runLintWorker(): Promise<number> {
  const input = workerData as WorkerInput;
  const port = parentPort;
  if (port === null) return Promise.resolve(70);
  const { files, errors, skipped } = parseDiscovered(input.files);
  const indexOf = new Map(input.files.map((f) => [f.path, f.index]));
  const parsed: FromWorker = {
    type: 'parsed',
    parts: files.map((file) => ({ index: indexOf.get(file.path) ?? 0, facts: fileFacts(file) })),
    errors,
    skipped,
    files: files.map((file) => ({ index: indexOf.get(file.path) ?? 0, path: file.path, kind: file.kind })),
  };
  return new Promise((resolve) => {
    port.once('message', (message: ToWorker) => {
      const findings = lintFiles(files, engineOptions(input.options), message.facts);
      port.postMessage({ type: 'findings', findings } satisfies FromWorker);
      port.close();
      resolve(0);
    });
    port.postMessage(parsed);
  });
}

function nextMessage(worker: Worker): Promise<FromWorker> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: FromWorker): void => {
      worker.off('error', onError);
      worker.off('exit', onExit);
      resolve(message);
    };
    const onError = (error: Error): void => {
      worker.off('message', onMessage);
      worker.off('exit', onExit);
      reject(new K8sdiagError('E_INTERNAL', `lint worker failed: ${error.message}`, { cause: error }));
    };
    const onExit = (code: number): void => {
      worker.off('message', onMessage);
      worker.off('error', onError);
      reject(new K8sdiagError('E_INTERNAL', `lint worker exited with code ${code} before answering`));
    };
    worker.once('message', onMessage);
    worker.once('error', onError);
    worker.once('exit', onExit);
  });
}

export interface ParallelOptions extends LintRunOptions {
  jobs: number;
  /** The module to start as the worker: the CLI file itself. */
  workerUrl: URL;
  /** argv the worker's CLI entry needs to route to the lint command. */
  workerArgv: string[];
}

export async function lintPathsParallel(paths: readonly string[], options: ParallelOptions): Promise<LintResult> {
  const skipped: SkippedFile[] = [];
  const discovered = discover(paths, {
    cwd: options.cwd,
    exclude: options.exclude ?? [],
    excludeBase: options.excludeBase ?? options.cwd,
    onSkip: (path, reason) => skipped.push({ path, skipped: reason }),
  });
  const jobs = Math.min(options.jobs, Math.ceil(discovered.length / (PARALLEL_MIN_FILES / 2)));
  if (jobs <= 1 || discovered.length < PARALLEL_MIN_FILES) {
    const result = lintDiscovered(discovered, options);
    result.skipped.unshift(...skipped);
    return result;
  }

  const shares: Array<Array<DiscoveredFile & { index: number }>> = Array.from({ length: jobs }, () => []);
  discovered.forEach((file, index) => {
    shares[index % jobs]?.push({ ...file, index });
  });
  const workerOptions: WorkerOptions = {
    hostArch: options.hostArch,
    ignore: [...(options.ignore ?? [])],
    severity: [...(options.severity ?? new Map<string, Severity>())],
    docsUrl: options.docsUrl,
    lang: options.lang,
  };
  const workers = shares.map(
    (files) =>
      new Worker(options.workerUrl, {
        argv: options.workerArgv,
        workerData: { k8sdiagLintWorker: true, files, options: workerOptions } satisfies WorkerInput,
        stdout: false,
        stderr: false,
      }),
  );
  try {
    const parsed = await Promise.all(workers.map((worker) => nextMessage(worker)));
    const parts: Array<{ index: number; facts: FileFacts }> = [];
    const errors: LintError[] = [];
    const files: Array<{ index: number; path: string; kind: string }> = [];
    for (const message of parsed) {
      if (message.type !== 'parsed') throw new K8sdiagError('E_INTERNAL', 'lint worker answered out of order');
      parts.push(...message.parts);
      errors.push(...message.errors);
      skipped.push(...message.skipped);
      files.push(...message.files);
    }
    parts.sort((a, b) => a.index - b.index);
    files.sort((a, b) => a.index - b.index);
    const facts = factsTable(parts.map((p) => p.facts));
    const answers = workers.map((worker) => nextMessage(worker));
    for (const worker of workers) worker.postMessage({ type: 'lint', facts } satisfies ToWorker);
    const findings: LintFinding[] = [];
    for (const message of await Promise.all(answers)) {
      if (message.type !== 'findings') throw new K8sdiagError('E_INTERNAL', 'lint worker answered out of order');
      findings.push(...message.findings);
    }
    const order = new Map(discovered.map((file, index) => [file.path, index]));
    errors.sort((a, b) => (order.get(a.path) ?? 0) - (order.get(b.path) ?? 0));
    return {
      findings: sortFindings(findings),
      errors,
      files: files.map(({ path, kind }) => ({ path, kind })),
      skipped,
      threads: jobs,
    };
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
}
