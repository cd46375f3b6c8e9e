import { mkdirSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { CliError, EXIT } from './cli-error';

/** The store's file in a data folder; its key file lies beside it. */
export const DATABASE_FILE = 'printdeck.db';

/** Where a headless console keeps its store when --data is not given (the user's data folder); serve, users and tokens share it. */
export function defaultDataDir(): string {
  if (process.platform === 'win32') return join(process.env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'Printdeck');
  if (process.platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'Printdeck');
  return join(process.env.XDG_DATA_HOME ?? join(homedir(), '.local', 'share'), 'printdeck');
}

/** The default data folder as the help texts name it. */
export function defaultDataDirText(): string {
  return process.platform === 'win32' ? '%APPDATA%\\Printdeck' : process.platform === 'darwin' ? '~/Library/Application Support/Printdeck' : '$XDG_DATA_HOME/printdeck or ~/.local/share/printdeck';
}

/**
 * Makes the data folder of --data (and missing parents) readable by this user only (0700, like
 * the key file and the database in it, which are 0600); an existing folder is used as it is.
 * Returns the database file in it. Throws CliError exit 65 with a sentence saying what is in
 * the way and what to do — never a stack trace.
 */
export function prepareDataDir(dir: string): string {
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
  } catch (error) {
    throw new CliError(`--data "${dir}": ${whyNot(dir, error)}`, EXIT.dataError);
  }
  return join(dir, DATABASE_FILE);
}

/** A failure to open the store in a data folder (CLI exit 65), naming the folder. */
export function dataDirError(dir: string, error: unknown): CliError {
  return new CliError(`cannot open the console's data in "${dir}": ${error instanceof Error ? error.message : String(error)}`, EXIT.dataError);
}

function whyNot(dir: string, error: unknown): string {
  const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
  switch (code) {
    case 'EEXIST':
    case 'ENOTDIR':
      return isFile(dir)
        ? 'this is a file, not a folder: give a folder (it is created when missing)'
        : 'a file is in the way of this folder (one of its parents is a file): give another folder';
    case 'EACCES':
    case 'EPERM':
      return 'the folder cannot be created here (permission denied): choose a folder you may write to';
    case 'EROFS':
      return 'the folder cannot be created on a read-only file system: choose another folder';
    case 'ENOSPC':
      return 'the disk is full: free some space or choose another folder';
    default:
      return `the folder cannot be created (${error instanceof Error ? error.message : String(error)})`;
  }
}

function isFile(path: string): boolean {
  try {
    return !statSync(path).isDirectory();
  } catch {
    return false;
  }
}
