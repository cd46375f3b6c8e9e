import { lstat, open, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { setPathProblem } from '../../src-shared/plugins/drivers/set-manifest';
import { UPLOAD_MAX_BYTES, UPLOAD_MAX_FILES } from '../../src-shared/plugins/drivers/sets.contract';
import { CliError, EXIT } from './cli-error';

/**
 * What `printdeck drivers upload` reads: a zip file, or a folder's files (relative paths with
 * "/", no symbolic links — a link could reach outside the folder). Problems name the file.
 */

export interface LocalFile {
  /** Inside the set ("x64/laser.inf"). */
  path: string;
  absolute: string;
  size: number;
}

export type UploadInput = { kind: 'zip'; file: string; size: number } | { kind: 'folder'; dir: string; files: LocalFile[]; bytes: number };

export async function readUploadInput(given: string): Promise<UploadInput> {
  const info = await lstat(given).catch(() => null);
  if (!info) throw new CliError(`${given}: no such file or folder`, EXIT.dataError);
  if (info.isFile()) {
    if (!given.toLowerCase().endsWith('.zip')) throw new CliError(`${given}: give a folder or a .zip file`, EXIT.dataError);
    if (info.size === 0) throw new CliError(`${given}: the zip file is empty`, EXIT.dataError);
    if (info.size > UPLOAD_MAX_BYTES) throw new CliError(`${given}: ${info.size} bytes, more than the ${UPLOAD_MAX_BYTES} a set may have`, EXIT.dataError);
    return { kind: 'zip', file: given, size: info.size };
  }
  if (!info.isDirectory()) throw new CliError(`${given}: not a file or a folder`, EXIT.dataError);
  const files: LocalFile[] = [];
  const walk = async (dir: string, prefix: string): Promise<void> => {
    for (const entry of (await readdir(dir, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name))) {
      const path = prefix === '' ? entry.name : `${prefix}/${entry.name}`;
      const absolute = join(dir, entry.name);
      if (entry.isSymbolicLink()) throw new CliError(`${absolute}: a symbolic link (a driver set takes files only: copy the file into the folder)`, EXIT.dataError);
      if (entry.isDirectory()) {
        await walk(absolute, path);
        continue;
      }
      if (!entry.isFile()) throw new CliError(`${absolute}: not a regular file`, EXIT.dataError);
      const problem = setPathProblem(path);
      if (problem) throw new CliError(`${absolute}: ${problem}`, EXIT.dataError);
      files.push({ path, absolute, size: (await lstat(absolute)).size });
      if (files.length > UPLOAD_MAX_FILES) throw new CliError(`${given}: more than ${UPLOAD_MAX_FILES} files`, EXIT.dataError);
    }
  };
  await walk(given, '');
  if (files.length === 0) throw new CliError(`${given}: the folder holds no files`, EXIT.dataError);
  const bytes = files.reduce((sum, f) => sum + f.size, 0);
  if (bytes > UPLOAD_MAX_BYTES) throw new CliError(`${given}: ${bytes} bytes, more than the ${UPLOAD_MAX_BYTES} a set may have`, EXIT.dataError);
  return { kind: 'folder', dir: given, files, bytes };
}

/** The file's bytes in chunks of at most `size` (at least one chunk, empty for an empty file). */
export async function* chunksOf(file: string, size: number): AsyncGenerator<{ offset: number; bytes: Buffer }> {
  const handle = await open(file, 'r');
  try {
    let offset = 0;
    while (true) {
      const buffer = Buffer.alloc(size);
      const { bytesRead } = await handle.read(buffer, 0, size, offset);
      if (bytesRead === 0 && offset > 0) return;
      yield { offset, bytes: buffer.subarray(0, bytesRead) };
      offset += bytesRead;
      if (bytesRead < size) return;
    }
  } finally {
    await handle.close();
  }
}
