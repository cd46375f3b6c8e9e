import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import { protocol, type CustomScheme } from 'electron';
import { contentTypeOf } from '../content-types';
import { CONTENT_SECURITY_POLICY } from './content-security-policy';
import { APP_HOST, APP_SCHEME } from './navigation-policy';

/** Re-exported: the type of each file the scheme serves (src-main/content-types.ts). */
export { contentTypeOf };

/*
 * The renderer is served from `app://printdeck/…` instead of file://: a page on file:// may read
 * other local files and shares its origin with every file on the disk, and needs the
 * GrantFileProtocolExtraPrivileges fuse left on. Our scheme is standard (relative URLs, an
 * origin of its own, localStorage) and secure (a secure context), and it serves only the files
 * of the renderer's folder.
 */

/**
 * How the scheme is registered: standard, secure, fetch() and V8's code cache. Not corsEnabled
 * (that would let other origins read our files), no service workers, no CSP bypass.
 */
export const APP_SCHEME_REGISTRATION: CustomScheme = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true },
};

/**
 * Registers the scheme's privileges. Electron accepts this only before the app is ready (and
 * only once): call it synchronously at start-up.
 */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([APP_SCHEME_REGISTRATION]);
}

/** A file under the renderer's folder, or why a URL names none (HTTP status and reason). */
export type AppFileResolution = { ok: true; file: string } | { ok: false; status: 400 | 403 | 404; reason: string };

/**
 * Maps an `app://printdeck/…` URL to a file inside `rendererDir` (`/` → index.html; query and
 * hash ignored). Pure, never throws. Refused: another scheme or host, credentials or a port
 * (400); encoded separators (`%2F`, `%5C`), backslashes, NUL, colons, escapes still there after
 * decoding once, `..` segments, or a path that resolves outside `rendererDir` (403, path
 * traversal). `paths` is injectable so Windows paths
 * can be tested on any OS.
 */
export function resolveAppFile(url: string, rendererDir: string, paths: Pick<path.PlatformPath, 'resolve' | 'relative' | 'isAbsolute'> = path): AppFileResolution {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { ok: false, status: 400, reason: 'not a URL' };
  }
  if (parsed.protocol !== `${APP_SCHEME}:`) return { ok: false, status: 400, reason: `not an ${APP_SCHEME}: URL` };
  if (parsed.username !== '' || parsed.password !== '' || parsed.port !== '') return { ok: false, status: 400, reason: 'credentials or a port in the URL' };
  if (parsed.hostname.toLowerCase() !== APP_HOST) return { ok: false, status: 404, reason: `unknown host "${parsed.hostname}"` };
  const raw = parsed.pathname;
  if (/%(2f|5c)/i.test(raw)) return { ok: false, status: 403, reason: 'an encoded path separator' };
  let decoded: string;
  try {
    decoded = decodeURIComponent(raw);
  } catch {
    return { ok: false, status: 400, reason: 'a malformed escape in the path' };
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return { ok: false, status: 403, reason: 'a NUL or backslash in the path' };
  // A drive letter or an NTFS stream (C:, x.js:secret), or an escape left after decoding once (%2e%2e): none is a file vite writes.
  if (decoded.includes(':') || decoded.includes('%')) return { ok: false, status: 403, reason: 'a colon or a doubly encoded character in the path' };
  const segments = decoded.split('/').filter((segment) => segment !== '' && segment !== '.');
  if (segments.includes('..')) return { ok: false, status: 403, reason: 'a ".." segment' };
  if (segments.length === 0 || decoded.endsWith('/')) segments.push('index.html');
  const root = paths.resolve(rendererDir);
  const file = paths.resolve(root, ...segments);
  const inside = paths.relative(root, file);
  if (inside === '' || inside.startsWith('..') || paths.isAbsolute(inside)) return { ok: false, status: 403, reason: 'a path outside the renderer folder' };
  return { ok: true, file };
}

function refusal(status: number, reason: string): Response {
  return new Response(reason, { status, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff' } });
}

/**
 * Answers one request of the app scheme from `rendererDir` (inside app.asar when packaged:
 * Electron's fs reads it). GET and HEAD only (405 otherwise); 400/403/404 as resolveAppFile
 * says, 404 for a missing file or a folder. Every file goes with the CSP and nosniff. Never
 * throws: an unreadable file is a 500 and goes to `log`.
 */
export async function serveAppRequest(request: Pick<Request, 'method' | 'url'>, rendererDir: string, log: (message: string) => void = () => undefined): Promise<Response> {
  if (request.method !== 'GET' && request.method !== 'HEAD') return refusal(405, `${request.method} is not allowed`);
  const resolved = resolveAppFile(request.url, rendererDir);
  if (!resolved.ok) {
    if (resolved.status !== 404) log(`app protocol refused ${request.url}: ${resolved.reason}`);
    return refusal(resolved.status, `Refused: ${resolved.reason}.`);
  }
  let body: Buffer;
  try {
    body = await readFile(resolved.file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'EISDIR' || code === 'ENOTDIR') return refusal(404, 'Not found.');
    log(`app protocol could not read ${resolved.file}: ${String(error)}`);
    return refusal(500, 'The file could not be read.');
  }
  const headers = {
    'Content-Type': contentTypeOf(resolved.file),
    'Content-Length': String(body.length),
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'no-cache',
  };
  return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), { status: 200, headers });
}

/**
 * Serves the app scheme from `rendererDir` on the default session (after 'ready'). Returns the
 * disposer (unhandles the scheme).
 */
export function handleAppProtocol(rendererDir: string, log?: (message: string) => void): () => void {
  protocol.handle(APP_SCHEME, (request) => serveAppRequest(request, rendererDir, log));
  return () => protocol.unhandle(APP_SCHEME);
}
