import { existsSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { CliError, EXIT } from './cli-error';

/** `printdeck addressbook import` and `export`: the files they read and write. */

const MAX_IMPORT_BYTES = 20 * 1024 * 1024;

/** The import file's bytes, or exit 65 saying why it cannot be read. */
export async function readImportFile(file: string): Promise<Buffer> {
  if (existsSync(file) && statSync(file).isDirectory()) throw new CliError(`${file}: this is a folder, not a file to import`, EXIT.dataError);
  const bytes = await readFile(file).catch((error: unknown) => {
    throw new CliError(`${file}: ${fileErrorText(error, 'cannot be read')}`, EXIT.dataError);
  });
  if (bytes.length > MAX_IMPORT_BYTES) throw new CliError(`${file}: ${bytes.length} bytes; an import reads at most ${MAX_IMPORT_BYTES} (20 MB)`, EXIT.dataError);
  if (bytes.length === 0) throw new CliError(`${file}: the file is empty`, EXIT.dataError);
  return bytes;
}

/** Refuses, before anything is read, a file that would be overwritten (without --force) or a folder that is not there. */
export function checkExportFile(file: string, force: boolean): void {
  const folder = dirname(resolve(file));
  if (!existsSync(folder) || !statSync(folder).isDirectory()) throw new CliError(`${file}: no such folder ${folder}`, EXIT.dataError);
  if (!existsSync(file)) return;
  if (statSync(file).isDirectory()) throw new CliError(`${file}: this is a folder; name the file to write`, EXIT.dataError);
  if (!force) throw new CliError(`${file} exists; --force replaces it`, EXIT.dataError);
}

export function fileErrorText(error: unknown, otherwise: string): string {
  const code = isRecord(error) && typeof error.code === 'string' ? error.code : '';
  switch (code) {
    case 'ENOENT':
      return 'no such file';
    case 'EACCES':
    case 'EPERM':
      return `${otherwise}: permission denied`;
    case 'EEXIST':
      return 'exists; --force replaces it';
    case 'EISDIR':
      return 'this is a folder, not a file';
    default:
      return `${otherwise}: ${error instanceof Error ? error.message : String(error)}`;
  }
}


function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}
