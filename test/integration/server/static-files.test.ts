import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { appContract } from '../../../src-shared/contract/app.contract';
import { createApiClient } from '../../../src-shared/rpc/api-client';
import { createWebSocketTransport } from '../../../src-shared/rpc/websocket-transport';
import { createServer, type RunningServer } from '../../../src-main/server/server';
import { addUser, getRequest, parseReply, rawHttp, startTestCore, tokenOf, type TestCore } from './server-rig';

/**
 * The renderer's files are public (the build holds no data; data goes over /api after sign-in).
 * A real core in memory; loopback TCP on 127.0.0.1 with system-chosen ports; no printers.
 */

const SECRET = 'SECRET-OUTSIDE-THE-RENDERER';
const INDEX = '<!doctype html><title>Printdeck</title><script type="module" src="/assets/app-1a2b.js"></script>';
let top: string;
let rig: TestCore;
let server: RunningServer;
let host: string;

beforeAll(async () => {
  // top/secret.txt and top/package.json sit beside the renderer folder: no request may reach them.
  top = mkdtempSync(join(tmpdir(), 'printdeck-static-'));
  const renderer = join(top, 'renderer');
  mkdirSync(join(renderer, 'assets'), { recursive: true });
  writeFileSync(join(top, 'secret.txt'), SECRET);
  writeFileSync(join(top, 'package.json'), `{"secret":"${SECRET}"}`);
  writeFileSync(join(renderer, 'index.html'), INDEX);
  writeFileSync(join(renderer, 'assets', 'app-1a2b.js'), 'console.log("app")');
  writeFileSync(join(renderer, 'assets', 'app-1a2b.css'), 'body{}');
  writeFileSync(join(renderer, 'assets', 'logo.svg'), '<svg/>');
  writeFileSync(join(renderer, '.env'), SECRET);
  symlinkSync(join(top, 'secret.txt'), join(renderer, 'assets', 'link.txt'));
  rig = await startTestCore();
  server = await createServer({ core: rig.core, rendererDir: renderer, log: () => undefined });
  host = `127.0.0.1:${server.port}`;
});
afterAll(async () => {
  await server?.close();
  await rig?.close();
  rmSync(top, { recursive: true, force: true });
});

const get = async (path: string, method = 'GET') => parseReply(await rawHttp(server.port, getRequest(path, host, method)));

describe('headless server: static files of the renderer', () => {
  it('serves index.html at / with the security headers, without a session', async () => {
    const reply = await get('/');
    expect(reply.status).toBe(200);
    expect(reply.body).toBe(INDEX);
    expect(reply.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(reply.headers['content-security-policy']).toBe(
      `default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self' ws://${host}; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'`,
    );
    expect(reply.headers['referrer-policy'], 'a one-time sign-in link carries its code in the URL: no Referer may carry it').toBe('no-referrer');
    expect(reply.headers['x-content-type-options']).toBe('nosniff');
  });

  it('serves assets with their content types', async () => {
    const types: Record<string, string | undefined> = {};
    for (const path of ['/assets/app-1a2b.js', '/assets/app-1a2b.css', '/assets/logo.svg']) types[path] = (await get(path)).headers['content-type'];
    expect(types).toEqual({
      '/assets/app-1a2b.js': 'text/javascript; charset=utf-8',
      '/assets/app-1a2b.css': 'text/css; charset=utf-8',
      '/assets/logo.svg': 'image/svg+xml',
    });
    expect((await get('/assets/app-1a2b.js')).body).toBe('console.log("app")');
  });

  it('answers app routes with index.html and missing files with 404', async () => {
    const route = await get('/devices/42?token=abc');
    expect([route.status, route.body]).toEqual([200, INDEX]);
    expect((await get('/assets/missing.js')).status).toBe(404);
  });

  it('answers HEAD without a body and refuses other methods with 405', async () => {
    const head = await get('/', 'HEAD');
    expect([head.status, head.body, head.headers['content-length']]).toEqual([200, '', String(INDEX.length)]);
    const post = await get('/', 'POST');
    expect([post.status, post.headers.allow]).toEqual([405, 'GET, HEAD']);
  });

  it('refuses every path that climbs out of the renderer folder, plain or encoded', async () => {
    const attempts = [
      '/../package.json',
      '/../secret.txt',
      '/assets/../../secret.txt',
      '/%2e%2e/secret.txt',
      '/%2E%2E/package.json',
      '/%2e%2e%2fsecret.txt',
      '/assets/..%2f..%2fsecret.txt',
      '/assets/%2e%2e/%2e%2e/secret.txt',
      '/..%5csecret.txt',
      '/%252e%252e/secret.txt',
      '/secret.txt%00.html',
      '/%c0%ae%c0%ae/secret.txt',
      '//../secret.txt',
    ];
    const leaks: string[] = [];
    for (const path of attempts) {
      const reply = await get(path);
      if (reply.body.includes(SECRET) || reply.status === 200 && reply.body !== INDEX) leaks.push(`${path} → ${reply.status} ${reply.body.slice(0, 60)}`);
      else if (reply.status !== 400 && reply.status !== 404 && !(reply.status === 200 && reply.body === INDEX)) leaks.push(`${path} → unexpected ${reply.status}`);
    }
    expect(leaks).toEqual([]);
    expect((await get('/../package.json')).status).toBe(400);
    expect((await get('/%2e%2e/secret.txt')).status).toBe(400);
  });

  it('does not follow a symlink out of the folder, nor serve dot-files', async () => {
    expect((await get('/assets/link.txt')).status).toBe(404);
    const dotFile = await get('/.env');
    expect(dotFile.body).not.toContain(SECRET);
  });
});

describe('headless server without a built renderer', () => {
  it('says how to build it, while the API still answers', async () => {
    const missing = join(tmpdir(), 'printdeck-no-renderer-here');
    const bare = await createServer({ core: rig.core, rendererDir: missing, log: () => undefined });
    try {
      const page = parseReply(await rawHttp(bare.port, getRequest('/', `127.0.0.1:${bare.port}`)));
      expect(page.status).toBe(503);
      expect(page.body).toContain('renderer not built: run npm run build');
      const user = await addUser(rig.core, 'reader', 'viewer', 'a-long-enough-password');
      const { secret } = await tokenOf(rig.core, user.id);
      const transport = createWebSocketTransport({ connect: () => new WebSocket(`ws://127.0.0.1:${bare.port}/api`, { headers: { Authorization: `Bearer ${secret}` } }) });
      try {
        await expect(createApiClient(appContract, transport).system.info({})).resolves.toMatchObject({ version: '0.0.0-server' });
      } finally {
        transport.close?.();
      }
    } finally {
      await bare.close();
    }
  });
});
