import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import yauzl from 'yauzl';
import { setPathProblem } from '../../../../src-shared/plugins/drivers/set-manifest';
import { SetProblem } from '../metadata/set-metadata';

/**
 * Unpacks a driver set's zip (yauzl) into a folder: no path may leave it (yauzl refuses "../"
 * and absolute names, and every name passes the manifest's own path check), no symbolic
 * links, at most `maxFiles` files and `maxBytes` bytes unpacked (a zip bomb stops there).
 * A single folder around everything ("HP_UPD/…") is dropped; macOS's __MACOSX and .DS_Store
 * are skipped. Returns the set's paths.
 */
export async function extractZip(zipFile: string, into: string, limits: { maxFiles: number; maxBytes: number }): Promise<string[]> {
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
    yauzl.open(zipFile, { lazyEntries: true, autoClose: true, validateEntrySizes: true, strictFileNames: true }, (error, opened) => (error || !opened ? reject(zipError(error)) : resolve(opened))),
  );
  const entries = await new Promise<yauzl.Entry[]>((resolve, reject) => {
    const found: yauzl.Entry[] = [];
    let bytes = 0;
    zip.on('entry', (entry: yauzl.Entry) => {
      const name = entry.fileName;
      const skipped = name.endsWith('/') || name.split('/').includes('__MACOSX') || name.split('/').pop() === '.DS_Store';
      if (!skipped) {
        if (((entry.externalFileAttributes >>> 16) & 0o170000) === 0o120000) return fail(new SetProblem(`zip: ${name} is a symbolic link (not allowed in a driver set)`));
        const problem = setPathProblem(name);
        if (problem && !/manifest's/.test(problem)) return fail(new SetProblem(`zip: ${name}: ${problem}`));
        bytes += entry.uncompressedSize;
        found.push(entry);
        if (found.length > limits.maxFiles) return fail(new SetProblem(`zip: more than ${limits.maxFiles} files`));
        if (bytes > limits.maxBytes) return fail(new SetProblem(`zip: more than ${limits.maxBytes} bytes once unpacked`));
      }
      zip.readEntry();
    });
    zip.on('end', () => resolve(found));
    zip.on('error', (error: unknown) => reject(zipError(error)));
    zip.readEntry();
    function fail(error: Error): void {
      zip.close();
      reject(error);
    }
  });
  if (entries.length === 0) throw new SetProblem('zip: it holds no files');
  const names = entries.map((e) => e.fileName);
  const top = names[0]?.split('/')[0] ?? '';
  const strip = names.every((n) => n.includes('/') && n.split('/')[0] === top) ? top.length + 1 : 0;
  const paths: string[] = [];
  const reopened = await new Promise<yauzl.ZipFile>((resolve, reject) => yauzl.open(zipFile, { lazyEntries: true, autoClose: false, validateEntrySizes: true }, (error, opened) => (error || !opened ? reject(zipError(error)) : resolve(opened))));
  try {
    for (const entry of entries) {
      const path = entry.fileName.slice(strip);
      const problem = setPathProblem(path);
      if (problem) throw new SetProblem(`zip: ${entry.fileName}: ${problem}`);
      const target = join(into, ...path.split('/'));
      await mkdir(dirname(target), { recursive: true });
      const stream = await new Promise<NodeJS.ReadableStream>((resolve, reject) => reopened.openReadStream(entry, (error, opened) => (error || !opened ? reject(zipError(error)) : resolve(opened))));
      await pipeline(stream, createWriteStream(target, { flags: 'wx' }));
      paths.push(path);
    }
  } finally {
    reopened.close();
  }
  return paths;
}

function zipError(error: unknown): Error {
  if (error instanceof SetProblem) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new SetProblem(`zip: not a readable zip file (${message})`);
}
