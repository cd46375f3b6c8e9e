import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { change, PUBLIC } from '../../../src-shared/auth/access';
import { internalContext } from '../../../src-shared/auth/call-context';
import { PLUGIN_API_VERSION } from '../../../src-shared/plugins/plugin-manifest';
import type { MainPlugin, PluginHttpContext } from '../../../src-main/plugin-api/plugin-host';
import { createServer, type RunningServer } from '../../../src-main/server/server';
import { addUser, http, signIn, startTestCore, tokenOf, type TestCore } from './server-rig';

/**
 * Plug-ins' own HTTP paths (PluginHost.addHttpRoute): served at /plugins/<id>/<path> only while
 * the plug-in is on, with the caller checked by the console before the plug-in sees a request
 * (a browser is sent to sign in and back), or left to the plug-in on a public route.
 */

const seen: PluginHttpContext[] = [];
const pagesPlugin: MainPlugin = {
  manifest: { id: 'pages', name: 'Pages', version: '1.0.0', apiVersion: PLUGIN_API_VERSION, description: 'test pages' },
  register(host) {
    const fn = host.addFunction('install');
    host.addHttpRoute({
      path: 'pull',
      access: change(fn),
      handle: async (_request, response, context) => {
        seen.push(context);
        response.writeHead(200, { ...context.headers, 'Content-Type': 'text/plain' });
        response.end(`hello ${context.caller?.userName ?? '?'} at "${context.subpath}"`);
      },
    });
    host.addHttpRoute({
      path: 'agent',
      access: PUBLIC,
      handle: async (request, response, context) => {
        const key = request.headers['x-agent-key'];
        response.writeHead(key === 'k' ? 200 : 401, { 'Content-Type': 'text/plain' });
        response.end(key === 'k' ? `agent ok ${context.url.searchParams.get('q') ?? ''}` : 'no key');
      },
    });
    host.addHttpRoute({ path: 'broken', access: PUBLIC, handle: async () => Promise.reject(new Error('the page broke')) });
  },
};
const badPath: MainPlugin = { manifest: { ...pagesPlugin.manifest, id: 'badpath', name: 'Bad path' }, register: (host) => host.addHttpRoute({ path: '../x', access: PUBLIC, handle: async () => undefined }) };
const twice: MainPlugin = {
  manifest: { ...pagesPlugin.manifest, id: 'twice', name: 'Twice' },
  register(host) {
    host.addHttpRoute({ path: 'a', access: PUBLIC, handle: async () => undefined });
    host.addHttpRoute({ path: 'a', access: PUBLIC, handle: async () => undefined });
  },
};

let rig: TestCore;
let server: RunningServer;
const serverLog: string[] = [];
let adminCookie: string;
let viewerCookie: string;
let viewerToken: string;

beforeAll(async () => {
  rig = await startTestCore({ plugins: [pagesPlugin, badPath, twice] });
  await addUser(rig.core, 'alice', 'administrator', 'alice-password-1');
  const victor = await addUser(rig.core, 'victor', 'viewer', 'victor-password-1');
  server = await createServer({ core: rig.core, rendererDir: join(tmpdir(), 'printdeck-no-renderer'), log: (line) => void serverLog.push(line) });
  adminCookie = await signIn(server.port, 'alice', 'alice-password-1');
  viewerCookie = await signIn(server.port, 'victor', 'victor-password-1');
  viewerToken = (await tokenOf(rig.core, victor.id)).secret;
});
afterAll(async () => {
  await server?.close();
  await rig?.close();
});

describe('plug-in HTTP routes', () => {
  it('serves a route and the paths below it to a user with the right, with the console security headers', async () => {
    const reply = await http(server.port, '/plugins/pages/pull/windows/setup.ps1', { headers: { Cookie: adminCookie } });
    expect(reply.status).toBe(200);
    expect(reply.body).toBe('hello alice at "/windows/setup.ps1"');
    expect(reply.headers['content-security-policy']).toContain("default-src 'self'");
    expect(seen.at(-1)?.caller?.userName).toBe('alice');
  });

  it('sends a browser without a session to sign in and back, and answers a program 401', async () => {
    const page = await http(server.port, '/plugins/pages/pull?q=floor%203', { headers: { Accept: 'text/html,application/xhtml+xml' } });
    expect(page.status).toBe(303);
    expect(page.headers.location).toBe(`/?next=${encodeURIComponent('/plugins/pages/pull?q=floor%203')}`);
    const program = await http(server.port, '/plugins/pages/pull');
    expect(program.status).toBe(401);
    expect(program.headers['www-authenticate']).toContain('Bearer');
  });

  it('refuses a user without the right (session or API token) and writes the refusal to the system log', async () => {
    for (const headers of [{ Cookie: viewerCookie }, { Authorization: `Bearer ${viewerToken}` }] as Record<string, string>[]) {
      const reply = await http(server.port, '/plugins/pages/pull', { headers });
      expect(reply.status).toBe(403);
      expect(reply.body).toContain('"pages.install: change"');
    }
    const log = await rig.core.api.audit.list({ limit: 20 }, internalContext());
    expect(log.entries.filter((e) => e.action === 'pages.http' && e.outcome === 'refused').map((e) => e.userName)).toEqual(['victor', 'victor']);
  });

  it('leaves a public route to the plug-in, which authenticates the request itself', async () => {
    expect((await http(server.port, '/plugins/pages/agent?q=1')).status).toBe(401);
    const reply = await http(server.port, '/plugins/pages/agent?q=1', { headers: { 'X-Agent-Key': 'k' } });
    expect(reply).toMatchObject({ status: 200, body: 'agent ok 1' });
  });

  it('answers 500 and logs when a route fails, and leaves paths no plug-in serves to the static files', async () => {
    const reply = await http(server.port, '/plugins/pages/broken');
    expect(reply.status).toBe(500);
    expect(serverLog.some((line) => line.includes('the page broke'))).toBe(true);
    expect(rig.core.plugins.httpRoute('/plugins/pages/nothing')).toBeNull();
    expect(rig.core.plugins.httpRoute('/plugins/nobody/pull')).toBeNull();
    const other = await http(server.port, '/plugins/nobody/pull', { headers: { Cookie: adminCookie } });
    expect(other.body).not.toContain('hello');
  });

  it('answers 503 while the plug-in is disabled, and serves again when it is switched on', async () => {
    await rig.core.api.plugins.setEnabled({ id: 'pages', enabled: false }, internalContext());
    const off = await http(server.port, '/plugins/pages/pull', { headers: { Cookie: adminCookie } });
    expect(off.status).toBe(503);
    expect(off.body).toContain('The Pages plug-in is disabled');
    await rig.core.api.plugins.setEnabled({ id: 'pages', enabled: true }, internalContext());
    expect((await http(server.port, '/plugins/pages/pull', { headers: { Cookie: adminCookie } })).status).toBe(200);
  });

  it('lists a plug-in whose route path is not one safe segment, or added twice, as failed', async () => {
    const { plugins } = await rig.core.api.plugins.list({}, internalContext());
    expect(plugins.find((p) => p.id === 'badpath')).toMatchObject({ state: 'failed', error: expect.stringContaining('one segment of lower-case letters') });
    expect(plugins.find((p) => p.id === 'twice')).toMatchObject({ state: 'failed', error: expect.stringContaining('added twice') });
    expect(rig.core.plugins.httpRoute('/plugins/twice/a')).toBeNull();
  });
});
