import { join } from 'node:path';
import { APP_PAGE_URL } from './navigation-policy';

/** Where the shell finds its files. Pure. */
export interface ShellPaths {
  /** The built renderer (vite output), served as `app://printdeck/…` by the app protocol. */
  rendererDir: string;
  /** The page's URL on the app protocol: the only page the window may show and the only IPC sender accepted. */
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
  const resourcesDir = join(appPath, 'resources');
  return {
    rendererDir: join(appPath, 'dist', 'renderer'),
    rendererUrl: APP_PAGE_URL,
    preloadFile: join(shellDir, 'preload.js'),
    resourcesDir,
    iconsDir: join(resourcesDir, 'icons'),
  };
}
