import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { APP_SCHEME_REGISTRATION, contentTypeOf, resolveAppFile, serveAppRequest } from '../../../src-main/shell/app-protocol';
import { CONTENT_SECURITY_POLICY } from '../../../src-main/shell/content-security-policy';

vi.mock('electron', () => import('./fake-electron.js'));

let root: string;
let rendererDir: string;

beforeAll(() => {
  root = mkdtempSync(path.join(tmpdir(), 'printdeck-app-protocol-'));
  rendererDir = path.join(root, 'dist', 'renderer');
  mkdirSync(path.join(rendererDir, 'assets'), { recursive: true });
  writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>Printdeck</title>');
  writeFileSync(path.join(rendererDir, 'assets', 'index-abc.js'), 'console.log(1)');
  writeFileSync(path.join(rendererDir, 'favicon.svg'), '<svg/>');
  // What a traversal would be after: a file beside the renderer folder, and one beside a look-alike folder.
  writeFileSync(path.join(root, 'dist', 'secret.txt'), 'SECRET');
  mkdirSync(path.join(root, 'dist', 'renderer-evil'));
  writeFileSync(path.join(root, 'dist', 'renderer-evil', 'index.html'), 'SECRET');
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('the app scheme', () => {
  it('is registered standard and secure with fetch and code cache, but not CORS-readable, CSP-exempt or with service workers', () => {
    expect(APP_SCHEME_REGISTRATION).toStrictEqual({ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } });
  });
});

describe('resolving app:// URLs to files of the renderer folder', () => {
  const dir = '/opt/printdeck/resources/app.asar/dist/renderer';

  it.each([
    ['app://printdeck/index.html', 'index.html'],
    ['app://printdeck/', 'index.html'],
    ['app://printdeck', 'index.html'],
    ['app://PRINTDECK/assets/index-abc.js?v=2#x', 'assets/index-abc.js'],
    ['app://printdeck/assets/', 'assets/index.html'],
    ['app://printdeck/assets/my%20font.woff2', 'assets/my font.woff2'],
    ['app://printdeck/./assets//x.css', 'assets/x.css'],
  ])('%s is %s', (url, file) => {
    expect(resolveAppFile(url, dir)).toEqual({ ok: true, file: path.posix.join(dir, file) });
  });

  it.each([
    ['an encoded slash', 'app://printdeck/..%2f..%2fetc%2fpasswd', 403],
    ['an encoded backslash', 'app://printdeck/..%5c..%5cwindows', 403],
    ['a backslash', 'app://printdeck/a\\..\\..\\x', 403],
    ['an encoded NUL', 'app://printdeck/index.html%00.png', 403],
    ['a doubly encoded dot-dot', 'app://printdeck/%252e%252e/x', 403],
    ['an NTFS stream', 'app://printdeck/index.html:secret', 403],
    ['a malformed escape', 'app://printdeck/%E0%A4%A', 400],
    ['another host', 'app://evil/index.html', 404],
    ['no host', 'app:///etc/passwd', 404],
    ['credentials', 'app://me:pw@printdeck/index.html', 400],
    ['a port', 'app://printdeck:1/index.html', 400],
    ['another scheme', 'file:///etc/passwd', 400],
    ['not a URL', '::', 400],
  ])('refuses %s', (_what, url, status) => {
    expect(resolveAppFile(url, dir)).toMatchObject({ ok: false, status });
  });

  it("resolves dot-dot segments inside the origin (as Chromium does) and never above the renderer's folder", () => {
    expect(resolveAppFile('app://printdeck/assets/../index.html', dir)).toEqual({ ok: true, file: path.posix.join(dir, 'index.html') });
    expect(resolveAppFile('app://printdeck/../../../etc/passwd', dir)).toEqual({ ok: true, file: path.posix.join(dir, 'etc/passwd') });
  });

  it('keeps Windows paths inside the folder too (drive letters and separators refused)', () => {
    const windowsDir = 'C:\\Program Files\\Printdeck\\resources\\app.asar\\dist\\renderer';
    expect(resolveAppFile('app://printdeck/assets/x.js', windowsDir, path.win32)).toEqual({ ok: true, file: `${windowsDir}\\assets\\x.js` });
    expect(resolveAppFile('app://printdeck/C:/Windows/win.ini', windowsDir, path.win32)).toMatchObject({ ok: false, status: 403 });
    expect(resolveAppFile('app://printdeck/%5C%5Cserver%5Cshare', windowsDir, path.win32)).toMatchObject({ ok: false, status: 403 });
  });
});

describe('serving the renderer folder', () => {
  const get = (url: string, method = 'GET') => serveAppRequest({ url, method }, rendererDir);

  it('answers the page with its type, the CSP and nosniff', async () => {
    const reply = await get('app://printdeck/index.html');
    expect(reply.status).toBe(200);
    expect(await reply.text()).toBe('<!doctype html><title>Printdeck</title>');
    expect(Object.fromEntries(reply.headers)).toMatchObject({
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy': CONTENT_SECURITY_POLICY,
      'x-content-type-options': 'nosniff',
    });
  });

  it('answers scripts as JavaScript (module scripts need it) and HEAD without a body', async () => {
    const script = await get('app://printdeck/assets/index-abc.js');
    expect([script.status, script.headers.get('content-type'), await script.text()]).toEqual([200, 'text/javascript; charset=utf-8', 'console.log(1)']);
    const head = await get('app://printdeck/favicon.svg', 'HEAD');
    expect([head.status, head.headers.get('content-type'), head.headers.get('content-length'), await head.text()]).toEqual([200, 'image/svg+xml', '6', '']);
  });

  it('answers 404 for a missing file or a folder, and 405 for anything but GET and HEAD', async () => {
    expect((await get('app://printdeck/missing.js')).status).toBe(404);
    expect((await get('app://printdeck/assets')).status).toBe(404);
    expect((await get('app://printdeck/index.html', 'POST')).status).toBe(405);
  });

  it.each([
    'app://printdeck/..%2fsecret.txt',
    'app://printdeck/..%2F..%2Fdist%2Fsecret.txt',
    'app://printdeck/..%5csecret.txt',
    'app://printdeck/%2e%2e/secret.txt',
    'app://printdeck/../secret.txt',
    'app://printdeck/../renderer-evil/index.html',
    `app://printdeck/${encodeURIComponent('/etc/hostname')}`,
  ])('never serves a file outside the renderer folder: %s', async (url) => {
    const reply = await get(url);
    expect(reply.status).not.toBe(200);
    expect(await reply.text()).not.toContain('SECRET');
  });

  it('names the types of what vite emits', () => {
    expect(['a.css', 'a.woff2', 'a.png', 'a.json', 'a.MAP', 'a.bin'].map(contentTypeOf)).toEqual([
      'text/css; charset=utf-8',
      'font/woff2',
      'image/png',
      'application/json',
      'application/json',
      'application/octet-stream',
    ]);
  });
});
