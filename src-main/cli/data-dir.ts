import { homedir } from 'node:os';
import { join } from 'node:path';

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
