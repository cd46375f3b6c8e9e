import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** Where the shell finds its files. Pure. */
export interface ShellPaths {
  /** The built renderer (vite output). */
  rendererFile: string;
  /** Its file:// URL: the only page the window may show and the only IPC sender accepted. */
  rendererUrl: string;
  /** The compiled preload, beside this module. */
  preloadFile: string;
  /** resources/ (profiles, icons), passed to the core. */
  resourcesDir: string;
  iconsDir: string;
}

/**
 * `appPath` is app.getAppPath() (the project folder when run with `electron .`, app.asar when
 * packaged); `shellDir` is the folder of the compiled shell (dist/src-main/shell).
 */
export function shellPaths(appPath: string, shellDir: string): ShellPaths {
  const rendererFile = join(appPath, 'dist', 'renderer', 'index.html');
  const resourcesDir = join(appPath, 'resources');
  return {
    rendererFile,
    rendererUrl: pathToFileURL(rendererFile).href,
    preloadFile: join(shellDir, 'preload.js'),
    resourcesDir,
    iconsDir: join(resourcesDir, 'icons'),
  };
}
