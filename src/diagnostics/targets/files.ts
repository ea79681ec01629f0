/**
 * Reading local input files that the user points at (inventories, collected outputs) without
 * trusting them: a broken symbolic link, a link loop or a special file is a clear one-line reason,
 * and no file is read past a cap (a 600 MB file must not cost 1.3 GB of memory).
 */
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { K8sdiagError } from '../errors';

export type Entry = { kind: 'file'; size: number } | { kind: 'dir' } | { kind: 'other'; why: string };

/** What `path` is, following symbolic links; never throws. */
export function entryOf(path: string): Entry {
  try {
    const stat = statSync(path);
    if (stat.isFile()) return { kind: 'file', size: stat.size };
    if (stat.isDirectory()) return { kind: 'dir' };
    return { kind: 'other', why: 'not a regular file (device, socket or pipe)' };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { kind: 'other', why: 'a broken symbolic link (its target does not exist)' };
    if (code === 'ELOOP') return { kind: 'other', why: 'a symbolic link loop' };
    if (code === 'EACCES') return { kind: 'other', why: 'not readable (permission denied)' };
    return { kind: 'other', why: `not readable (${code ?? (error as Error).message})` };
  }
}

export function mib(bytes: number): string {
  return `${Math.round((bytes / 1048576) * 10) / 10} MiB`;
}

/**
 * The bytes of `file`, at most `cap`: a larger file is refused (E_INPUT, exit 2) before it is read.
 * `what` names the file's role in the message.
 */
export function readCapped(file: string, cap: number, what: string): Buffer {
  const entry = entryOf(file);
  if (entry.kind !== 'file')
    throw new K8sdiagError('E_INPUT', `${what} is ${entry.kind === 'dir' ? 'a directory' : entry.why}`, { file });
  if (entry.size > cap)
    throw new K8sdiagError('E_INPUT', `${what} is ${mib(entry.size)}, more than the ${mib(cap)} k8sdiag reads`, {
      file,
    });
  const fd = openSync(file, 'r');
  try {
    const buf = Buffer.alloc(Math.min(entry.size, cap) + 1);
    let length = 0;
    for (let n = 1; n > 0 && length < buf.length; length += n) n = readSync(fd, buf, length, buf.length - length, null);
    if (length > cap)
      throw new K8sdiagError('E_INPUT', `${what} grew past the ${mib(cap)} k8sdiag reads while it was read`, { file });
    return buf.subarray(0, length);
  } finally {
    closeSync(fd);
  }
}
