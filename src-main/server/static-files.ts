import { readFile, realpath, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, posix, sep } from 'node:path';
import { contentTypeOf } from '../content-types';

const NOT_BUILT_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Printdeck</title></head>
<body><h1>Printdeck</h1><p>renderer not built: run npm run build</p>
<p>The API at /api works without it.</p></body></html>
`;

/**
 * Serves the built renderer. Static files are served WITHOUT the access token on purpose: they
 * are the same public build for everybody and hold no data; every piece of data travels over
 * the token-checked WebSocket at /api.
 */
export interface StaticFiles {
  handle(request: IncomingMessage, response: ServerResponse): Promise<void>;
}

/**
 * Files under `rendererDir` with their content types; app routes (paths without an extension)
 * fall back to index.html; anything resolving outside the folder, dot-files and malformed
 * paths are 404/400. When the folder has no index.html, every page says how to build it.
 */
export function createStaticFiles(rendererDir: string, headers: (request: IncomingMessage) => Record<string, string>): StaticFiles {
  const send = (request: IncomingMessage, response: ServerResponse, status: number, type: string, body: Buffer | string, cache: string): void => {
    response.writeHead(status, { ...headers(request), 'Content-Type': type, 'Content-Length': Buffer.byteLength(body), 'Cache-Control': cache });
    response.end(request.method === 'HEAD' ? undefined : body);
  };
  const text = (request: IncomingMessage, response: ServerResponse, status: number, message: string): void =>
    send(request, response, status, 'text/plain; charset=utf-8', `${message}\n`, 'no-store');

  return {
    async handle(request, response) {
      if (request.method !== 'GET' && request.method !== 'HEAD') {
        response.setHeader('Allow', 'GET, HEAD');
        text(request, response, 405, 'method not allowed');
        return;
      }
      const path = requestPath(request.url ?? '/');
      if (path === null) {
        text(request, response, 400, 'bad request path');
        return;
      }
      // Looked up per request, so a renderer built while the server runs is served at once.
      const root = await rootOf(rendererDir);
      const index = root === null ? null : await readInside(root, 'index.html');
      if (root === null || index === null) {
        if (extname(path) === '' || path === '/index.html') send(request, response, 503, contentTypeOf('index.html'), NOT_BUILT_PAGE, 'no-store');
        else text(request, response, 404, 'not found');
        return;
      }
      const relative = path === '/' ? 'index.html' : path.slice(1);
      const file = await readInside(root, relative);
      if (file !== null) {
        // Vite names built assets by content hash, so they may be cached for good; index.html may not.
        const cache = relative.startsWith('assets/') ? 'public, max-age=31536000, immutable' : 'no-cache';
        send(request, response, 200, contentTypeOf(relative), file, cache);
      } else if (extname(path) === '') send(request, response, 200, contentTypeOf('index.html'), index, 'no-cache');
      else text(request, response, 404, 'not found');
    },
  };
}

/**
 * The decoded, normalised path of a request URL, or null when it is malformed, holds a NUL
 * or a backslash, names a dot-file, or climbs above the root ("/../x", "/%2e%2e/x", "/a/%2F..").
 */
export function requestPath(url: string): string | null {
  const raw = url.split('?')[0]?.split('#')[0] ?? '/';
  if (!raw.startsWith('/')) return null;
  let decoded: string;
  try {
    decoded = decodeURIComponent(raw);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const segments = decoded.split('/');
  let depth = 0;
  for (const segment of segments) {
    if (segment === '..') depth--;
    else if (segment !== '' && segment !== '.') depth++;
    if (depth < 0) return null;
  }
  const normal = posix.normalize(decoded);
  if (normal.split('/').some((segment) => segment.startsWith('.') && segment !== '')) return null;
  return normal;
}

async function rootOf(dir: string): Promise<string | null> {
  return realpath(dir).catch(() => null);
}

/** Reads a regular file below root; null when absent or when a symlink leads outside root. */
async function readInside(root: string, relative: string): Promise<Buffer | null> {
  try {
    const real = await realpath(join(root, relative));
    if (!real.startsWith(root + sep)) return null;
    if (!(await stat(real)).isFile()) return null;
    return await readFile(real);
  } catch {
    return null;
  }
}
