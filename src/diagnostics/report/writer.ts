/**
 * The one report writer of `run`, `analyze`, `lint` and `probe-script -o FILE`. The path is checked
 * before any work (a bad path must not cost a run its results); an input of the run is never
 * overwritten; a symbolic link to a file is refused rather than followed; the file is written to
 * a temporary file beside it and renamed into place, so a reader never sees half a report and an
 * existing file is never chmod-ed. A character device or FIFO (`-o /dev/stdout`) is written in place.
 */
import { randomBytes } from 'node:crypto';
import {
  accessSync,
  closeSync,
  constants,
  lstatSync,
  openSync,
  renameSync,
  rmSync,
  statSync,
  writeSync,
} from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { K8sdiagError } from '../errors';

export interface ReportSink {
  /** The absolute path written. */
  path: string;
  write(text: string): void;
}

export interface OutputOptions {
  /** Files the command reads: the output must not be one of them. */
  inputs?: readonly string[];
  /** Directories the command reads every file of: the output must not be inside one of them. */
  inputDirs?: readonly string[];
  /** Mode of a new file (an existing file keeps its own). */
  mode?: number;
}

function identity(path: string): string | undefined {
  try {
    const stat = statSync(path);
    return `${stat.dev}:${stat.ino}`;
  } catch {
    return undefined;
  }
}

function fail(message: string, file: string): never {
  throw new K8sdiagError('E_INPUT', message, { file });
}

/** Checks `output` (relative to `cwd`) and returns where to write, or undefined for stdout. */
export function prepareOutput(
  output: string | undefined,
  cwd: string,
  options: OutputOptions = {},
): ReportSink | undefined {
  if (output === undefined) return undefined;
  if (output === '') throw new K8sdiagError('E_USAGE', '--output: empty file name');
  const path = resolve(cwd, output);
  let inPlace = false;
  let mode = options.mode ?? 0o644;
  let existing: ReturnType<typeof lstatSync> | undefined;
  try {
    existing = lstatSync(path);
  } catch {
    existing = undefined;
  }
  if (existing !== undefined) {
    const target = existing.isSymbolicLink() ? safeStat(path) : existing;
    if (target?.isCharacterDevice() || target?.isFIFO()) inPlace = true;
    else if (existing.isSymbolicLink())
      fail('--output is a symbolic link; k8sdiag does not write through links (give the real path)', output);
    else if (existing.isDirectory()) fail('--output is a directory', output);
    else if (!existing.isFile()) fail('--output is not a regular file', output);
    else mode = existing.mode & 0o777;
    const id = identity(path);
    for (const input of options.inputs ?? []) {
      if (id !== undefined && identity(resolve(cwd, input)) === id)
        fail(`--output is ${input}, an input of this command; choose another file`, output);
    }
  }
  for (const dir of options.inputDirs ?? []) {
    const parent = identity(dirname(path));
    if (parent !== undefined && parent === identity(resolve(cwd, dir)))
      fail(`--output is inside ${dir}, which this command reads file by file; choose another directory`, output);
  }
  const parent = dirname(path);
  try {
    if (!statSync(parent).isDirectory()) fail(`--output: ${parent} is not a directory`, output);
    accessSync(inPlace ? path : parent, constants.W_OK);
  } catch (error) {
    if (error instanceof K8sdiagError) throw error;
    fail(`--output cannot be written: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, output);
  }
  return {
    path,
    write(text: string) {
      try {
        if (inPlace) writeAll(openSync(path, 'w'), text);
        else atomicWrite(path, text, mode);
      } catch (error) {
        fail(`cannot write the report: ${(error as Error).message}`, output);
      }
    },
  };
}

function safeStat(path: string): ReturnType<typeof statSync> | undefined {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}

function writeAll(fd: number, text: string): void {
  try {
    const bytes = Buffer.from(text, 'utf8');
    for (let at = 0; at < bytes.length; ) at += writeSync(fd, bytes, at);
  } finally {
    closeSync(fd);
  }
}

function atomicWrite(path: string, text: string, mode: number): void {
  const temp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    // 'wx': never reuse or follow an existing name; the mode is set at creation, never by chmod.
    writeAll(openSync(temp, 'wx', mode), text);
    renameSync(temp, path);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}
