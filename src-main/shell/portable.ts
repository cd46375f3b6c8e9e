import * as path from 'node:path';

/** The folder beside the portable executable that holds everything Printdeck writes. */
export const PORTABLE_DATA_FOLDER = 'PrintdeckData';
/** The database file inside the data folder (the CLI's `--data DIR` uses the same name). */
export const DATABASE_FILE = 'printdeck.db';

export interface DataFolderChoice {
  /** Absolute folder for the database and Chromium's own storage. */
  dir: string;
  /** True when run as the portable build: nothing is written outside `dir`. */
  portable: boolean;
}

/**
 * Chooses the data folder: `<PORTABLE_EXECUTABLE_DIR>/PrintdeckData` when electron-builder's
 * portable launcher set that variable (the data travels with the executable on a USB stick),
 * otherwise the OS's per-user folder. Throws naming the variable when it holds a relative path.
 * `paths` is injectable so Windows paths can be tested on any OS.
 */
export function chooseDataFolder(
  env: Readonly<Record<string, string | undefined>>,
  userDataDir: string,
  paths: Pick<path.PlatformPath, 'join' | 'isAbsolute'> = path,
): DataFolderChoice {
  const portableDir = env['PORTABLE_EXECUTABLE_DIR']?.trim();
  if (!portableDir) return { dir: userDataDir, portable: false };
  if (!paths.isAbsolute(portableDir)) {
    throw new Error(`PORTABLE_EXECUTABLE_DIR must be an absolute folder, got "${portableDir}"`);
  }
  return { dir: paths.join(portableDir, PORTABLE_DATA_FOLDER), portable: true };
}

/** The database file inside a data folder. */
export function databaseFileIn(dir: string, paths: Pick<path.PlatformPath, 'join'> = path): string {
  return paths.join(dir, DATABASE_FILE);
}
