import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative, sep } from 'node:path';
import Ajv from 'ajv';
import { FileMatcher } from 'app-builder-lib/out/fileMatcher';
import { load } from 'js-yaml';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { serveAppRequest } from '../../../src-main/shell/app-protocol';

vi.mock('electron', () => import('./fake-electron.js'));

/*
 * electron-builder.yml as electron-builder reads it: valid against the JSON schema the installed
 * electron-builder ships (app-builder-lib/scheme.json), and every pattern matching what
 * `npm run build` leaves (npm test builds before vitest runs; alone: npm run build first).
 */

const root = join(__dirname, '..', '..', '..');
const requireHere = createRequire(__filename);

interface BuilderConfig {
  directories: { output: string; buildResources: string };
  files: string[];
  extraResources: Array<{ from: string; to: string }>;
  asarUnpack: string[];
  afterPack: string;
  npmRebuild?: boolean;
  electronFuses?: unknown;
  win: { target: string[] };
  linux: { target: string[] };
  mac: { target: string[] };
}

function readConfig(): BuilderConfig {
  // js-yaml is what electron-builder reads its YAML configuration with.
  return load(readFileSync(join(root, 'electron-builder.yml'), 'utf8')) as BuilderConfig;
}

/** Schema errors as electron-builder would list them ("/path message"); none when valid. */
function schemaErrors(config: unknown): string[] {
  const schema: unknown = JSON.parse(readFileSync(requireHere.resolve('app-builder-lib/scheme.json'), 'utf8'));
  // The options electron-builder validates with (app-builder-lib/out/util/config/schemaValidator.js), without type coercion.
  const validate = new Ajv({ allErrors: true, strict: false }).compile(schema as object);
  if (validate(config)) return [];
  return (validate.errors ?? []).map((error) => `${error.instancePath || '/'} ${error.message ?? error.keyword} ${JSON.stringify(error.params)}`);
}

describe('electron-builder.yml', () => {
  it("is valid against the installed electron-builder's own schema", () => {
    expect(schemaErrors(readConfig())).toEqual([]);
  });

  it('would be refused with a misspelt option or a wrong type (the schema check is not vacuous)', () => {
    expect(schemaErrors({ ...readConfig(), electronFusez: {} }).join('\n')).toMatch(/additionalProperty.*electronFusez/);
    expect(schemaErrors({ ...readConfig(), npmRebuild: 'yes' }).join('\n')).toMatch(/^\/npmRebuild must be boolean/m);
  });

  it('builds the portable exe, NSIS, AppImage and dmg, and rebuilds native modules for Electron', () => {
    const config = readConfig();
    expect({ win: config.win.target, linux: config.linux.target, mac: config.mac.target, npmRebuild: config.npmRebuild }).toEqual({
      win: ['portable', 'nsis'],
      linux: ['AppImage'],
      mac: ['dmg'],
      npmRebuild: true,
    });
    expect(config.asarUnpack).toContain('node_modules/better-sqlite3/**/*');
  });

  it("flips the fuses in the afterPack hook compiled from src-main/shell/packaging, not with electron-builder's electronFuses", () => {
    const config = readConfig();
    expect([config.afterPack, config.electronFuses]).toEqual(['./dist/src-main/shell/packaging/electron-fuses.js', undefined]);
    expect(existsSync(join(root, 'src-main', 'shell', 'packaging', 'electron-fuses.ts'))).toBe(true);
  });
});

/** Every file under `dir` (relative, with '/'), leaving out what is never packed from here. */
function filesUnder(dir: string): string[] {
  const skip = new Set(['node_modules', '.git', 'release', 'coverage', 'test-results']);
  const found: string[] = [];
  const walk = (folder: string): void => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      if (skip.has(entry.name)) continue;
      const path = join(folder, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile()) found.push(relative(dir, path).split(sep).join('/'));
    }
  };
  walk(dir);
  return found;
}

/** The files of `candidates` that electron-builder's own matcher takes for these patterns. */
function matched(patterns: string[], candidates: readonly string[]): string[] {
  const filter = new FileMatcher(root, '/app', (pattern) => pattern, patterns).createFilter();
  return candidates.filter((file) => filter(join(root, file), statSync(join(root, file))));
}

describe('what electron-builder packs after npm run build', () => {
  let files: string[];
  let packed: string[];

  beforeAll(() => {
    const built = ['dist/src-main/shell/main.js', 'dist/src-main/shell/packaging/electron-fuses.js', 'dist/renderer/index.html'];
    const missing = built.filter((file) => !existsSync(join(root, file)));
    if (missing.length > 0) throw new Error(`not built: ${missing.join(', ')} (npm test builds first; alone, run npm run build)`);
    files = filesUnder(root);
    packed = matched(readConfig().files, files);
  });

  it('finds something for every pattern of files (exclusions included) and every extraResources folder', () => {
    const config = readConfig();
    const empty = config.files.filter((pattern) => matched([pattern.replace(/^!/, '')], files).length === 0);
    const missingResources = config.extraResources.filter(({ from }) => !files.some((file) => file.startsWith(`${from}/`)));
    expect({ empty, missingResources }).toEqual({ empty: [], missingResources: [] });
  });

  it('holds the entry of package.json, the preload, the core, the renderer, profiles and tray icons', () => {
    const main = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { main: string }).main;
    const wanted = [
      'package.json',
      main,
      'dist/src-main/shell/preload.js',
      'dist/src-main/core/create-core.js',
      'dist/src-shared/contract/app.contract.js',
      'dist/renderer/index.html',
      'resources/profiles/generic.json',
      'resources/icons/tray-ok.png',
    ];
    expect(wanted.filter((file) => !packed.includes(file))).toEqual([]);
  });

  it('leaves out the packaging hook, the icon tools, maps, declarations, sources and tests', () => {
    const unwanted = packed.filter((file) => /^dist\/src-main\/shell\/packaging\/|\.tool\.js$|\.(map|d\.ts|tsbuildinfo)$|^(src-|test\/|dist\/test\/|dist\/bench\/|bench\/)/.test(file));
    expect(unwanted).toEqual([]);
  });

  it('holds every script and style the built page loads, and the app protocol serves them', async () => {
    const html = readFileSync(join(root, 'dist', 'renderer', 'index.html'), 'utf8');
    const referenced = [...html.matchAll(/(?:src|href)="\.\/([^"]+)"/g)].map((match) => match[1] ?? '');
    expect(referenced.length).toBeGreaterThanOrEqual(2);
    expect(referenced.filter((file) => !packed.includes(`dist/renderer/${file}`))).toEqual([]);
    const rendererDir = join(root, 'dist', 'renderer');
    const replies = await Promise.all(referenced.map((file) => serveAppRequest({ method: 'GET', url: `app://printdeck/${file}` }, rendererDir)));
    expect(replies.map((reply) => reply.status)).toEqual(referenced.map(() => 200));
  });

  it('runs an afterPack hook that exists once built and exports afterPack', () => {
    const { afterPack } = readConfig();
    expect(afterPack).toEqual(expect.any(String));
    const hook = requireHere(join(root, afterPack)) as { afterPack?: unknown };
    expect(typeof hook.afterPack).toBe('function');
  });

  it('has the icons electron-builder looks for in buildResources', () => {
    const dir = readConfig().directories.buildResources;
    expect(['icon.png', 'icon.ico', 'icon.icns'].filter((name) => !files.includes(`${dir}/${name}`))).toEqual([]);
  });
});
