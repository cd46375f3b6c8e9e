import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';

/**
 * What the end-to-end tests and the UI benchmark need besides the core: the renderer built from
 * the current sources, and Debian's Chromium driven by playwright-core. Used from source
 * (vitest, tsx) and compiled (dist/test/helpers, by `npm run bench`).
 */

/** Debian's package (`apt-get install chromium`); CHROMIUM_PATH overrides it. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** No sandbox (CI runs as root), no GPU, and no traffic of Chromium's own beyond loopback. */
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'];

const BUILD_TIMEOUT_MS = 180_000;

/** The repository root (where vite.config.mts lives), found by walking up from this file; throws when absent. */
export function repoRoot(start: string = __dirname): string {
  let dir = start;
  for (let i = 0; i < 8; i++) {
    if (existsSync(join(dir, 'vite.config.mts'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  throw new Error(`vite.config.mts not found above ${start}`);
}

export interface BuiltRenderer {
  /** Folder holding index.html and assets/, for createServer's rendererDir. */
  dir: string;
  /** Deletes the folder. */
  remove(): Promise<void>;
}

/**
 * Builds src-renderer with the project's Vite config into a fresh temp folder, so that a test
 * run sees the current sources and never races a `vite build` emptying dist/renderer. Rejects
 * with Vite's output when the build fails or takes longer than 3 minutes.
 */
export async function buildRenderer(): Promise<BuiltRenderer> {
  const root = repoRoot();
  const dir = await mkdtemp(join(tmpdir(), 'printdeck-renderer-'));
  const vite = join(root, 'node_modules', 'vite', 'bin', 'vite.js');
  try {
    await new Promise<void>((resolve, reject) => {
      execFile(
        process.execPath,
        [vite, 'build', '--outDir', dir, '--emptyOutDir', '--logLevel', 'warn'],
        { cwd: root, timeout: BUILD_TIMEOUT_MS, maxBuffer: 16 * 1024 * 1024 },
        (error, stdout, stderr) => {
          if (error) reject(new Error(`vite build of src-renderer failed (${error.message}):\n${stdout}\n${stderr}`));
          else resolve();
        },
      );
    });
    if (!existsSync(join(dir, 'index.html'))) throw new Error(`vite build wrote no index.html into ${dir}`);
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

/** Starts headless Chromium; rejects with the install command when the binary is missing. */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`Chromium not found at ${CHROMIUM_PATH}: install it with "apt-get install -y chromium" (or set CHROMIUM_PATH)`);
  }
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, timeout: 60_000 });
}
