import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { internalContext } from '../../../src-shared/auth/call-context';
import type { Router } from '../../../src-shared/rpc/router';
import { SIGN_IN_FAILED } from '../../../src-main/core/auth/auth.service';
import { createServer, type RunningServer, type ServerCore } from '../../../src-main/server/server';
import {
  addUser,
  cookieOf,
  errorOf,
  getRequest,
  http,
  mustOpenApi,
  openApi,
  parseReply,
  postSignIn,
  rawHttp,
  signIn,
  startTestCore,
  tokenOf,
  upgradeRequest,
  waitFor,
  type TestCore,
} from './server-rig';

/**
 * Who gets through the headless server: sign-in, session cookie, Origin and Host checks, API
 * tokens, sign-out, password change, idle expiry and lockout (on the core's fake clock).
 * A real core in memory; loopback TCP on 127.0.0.1 with a system-chosen port; no printers.
 */

const PROXY_ORIGIN = 'https://printdeck.example.com';
let rig: TestCore;
let server: RunningServer;
let host: string;
let origin: string;
/** Every method a handshake let through to the router. */
const routed: string[] = [];
const serverLog: string[] = [];
/** Every password, token secret, cookie and link code of this file: none may show up in a log. */
const secrets: string[] = [];

const password = (): string => {
  const value = `pw-${randomBytes(12).toString('base64url')}`;
  secrets.push(value);
  return value;
};
const remember = (value: string): string => {
  secrets.push(value.replace(/^[^=]*=/, ''));
  return value;
};

const users = { alice: password(), olga: password(), victor: password(), lena: password(), ida: password() };
const ids: Record<string, number> = {};

beforeAll(async () => {
  rig = await startTestCore();
  const { core } = rig;
  ids.alice = (await addUser(core, 'alice', 'administrator', users.alice)).id;
  ids.olga = (await addUser(core, 'olga', 'operator', users.olga)).id;
  ids.victor = (await addUser(core, 'victor', 'viewer', users.victor)).id;
  ids.lena = (await addUser(core, 'lena', 'viewer', users.lena)).id;
  ids.ida = (await addUser(core, 'ida', 'viewer', users.ida)).id;
  const router: Router = {
    accessOf: (method) => core.router.accessOf(method),
    handle: (method, params, context) => {
      routed.push(method);
      return core.router.handle(method, params, context);
    },
  };
  const serverCore: ServerCore = { router, events: core.events, auth: core.auth, audit: core.audit };
  server = await createServer({ core: serverCore, rendererDir: join(tmpdir(), 'printdeck-no-renderer'), allowedOrigins: [PROXY_ORIGIN], log: (line) => void serverLog.push(line) });
  host = `127.0.0.1:${server.port}`;
  origin = `http://${host}`;
});
afterAll(async () => {
  await server?.close();
  await rig?.close();
});

const refusal = (status: number, reason: string): string => `HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`;
const auditRows = async (action: string) => (await rig.core.api.audit.list({ action, limit: 1000 }, internalContext())).entries;

describe('headless server: no caller, no data', () => {
  it('prints the console address, without any secret in it', () => {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/`);
  });

  it('refuses a handshake with no session and no token with a bare 401; no service runs; the refusal is logged', async () => {
    routed.length = 0;
    const reply = await rawHttp(server.port, upgradeRequest('/api', host, origin));
    expect(reply).toBe(refusal(401, 'Unauthorized'));
    expect(routed, 'no call may reach the router for a refused client').toEqual([]);
    expect((await auditRows('api.connect')).map((e) => [e.outcome, e.message])).toContainEqual(['refused', 'no session and no API token']);
  });

  it('refuses an unknown session cookie and an unknown API token with 401, also while events are pushed', async () => {
    const unknownCookie = `printdeck-session-${server.port}=${randomBytes(32).toString('base64url')}`;
    const unknownToken = `pdt_${randomBytes(32).toString('base64url')}`;
    const timer = setInterval(() => rig.core.events.emit('groups.changed', {}), 5);
    try {
      const attempts: Record<string, string>[] = [{ Cookie: unknownCookie, Origin: origin }, { Authorization: `Bearer ${unknownToken}` }, { Authorization: 'Bearer short' }];
      for (const headers of attempts) {
        const handshake = await openApi(server.port, headers);
        expect(handshake, JSON.stringify(headers)).toEqual({ ok: false, status: 401, body: '' });
      }
    } finally {
      clearInterval(timer);
    }
  });

  it('answers handshakes on other paths with 404', async () => {
    expect(await rawHttp(server.port, upgradeRequest('/other', host))).toBe(refusal(404, 'Not Found'));
  });

  it('refuses to listen beyond loopback without TLS', async () => {
    await expect(createServer({ core: rig.core, host: '0.0.0.0', rendererDir: tmpdir() })).rejects.toThrow(/listening on 0\.0\.0\.0 \(beyond this computer\) needs TLS/);
  });
});

describe('headless server: signing in', () => {
  it('answers a wrong password and an unknown user alike: 401, one generic message, no cookie', async () => {
    const wrong = await postSignIn(server.port, 'alice', 'not-her-password');
    const unknown = await postSignIn(server.port, 'nobody', 'whatever-password');
    for (const reply of [wrong, unknown]) {
      expect([reply.status, JSON.parse(reply.body) as unknown, reply.headers['set-cookie']]).toEqual([401, { message: SIGN_IN_FAILED, wording: { key: 'signInFailed', params: {} } }, undefined]);
    }
  });

  it('sets an HttpOnly, SameSite=Strict session cookie (no Secure over plain loopback HTTP); /auth/session follows it', async () => {
    const reply = await postSignIn(server.port, 'alice', users.alice);
    expect(reply.status, reply.body).toBe(200);
    expect(JSON.parse(reply.body)).toMatchObject({ user: { name: 'alice', administrator: true, mustChangePassword: false } });
    const setCookie = reply.headers['set-cookie'] ?? [];
    expect(setCookie).toHaveLength(1);
    expect(setCookie[0]).toMatch(/^printdeck-session-\d+=[A-Za-z0-9_-]{43}; HttpOnly; SameSite=Strict; Path=\/$/);
    const cookie = remember(cookieOf(reply) ?? '');
    expect(JSON.parse((await http(server.port, '/auth/session', { headers: { Cookie: cookie } })).body)).toEqual({ signedIn: true });
    expect(JSON.parse((await http(server.port, '/auth/session')).body)).toEqual({ signedIn: false });
  });

  it('refuses a sign-in from another site (403), one that is not JSON (415) and a malformed one (400)', async () => {
    const foreign = await postSignIn(server.port, 'alice', users.alice, { origin: 'http://evil.example' });
    expect([foreign.status, foreign.headers['set-cookie']]).toEqual([403, undefined]);
    const form = await http(server.port, '/auth/sign-in', { method: 'POST', headers: { Origin: origin, 'Content-Type': 'application/x-www-form-urlencoded' }, body: `userName=alice&password=${users.alice}` });
    expect([form.status, form.headers['set-cookie']]).toEqual([415, undefined]);
    const textPlain = await postSignIn(server.port, 'alice', users.alice, { contentType: 'text/plain' });
    expect(textPlain.status).toBe(415);
    const malformed = await http(server.port, '/auth/sign-in', { method: 'POST', headers: { Origin: origin, 'Content-Type': 'application/json' }, body: '{"userName":"alice"' });
    expect(malformed.status).toBe(400);
    const getSignIn = await http(server.port, '/auth/sign-in');
    expect(getSignIn.status).toBe(405);
  });

  it('locks an account for 15 minutes after 5 failed sign-ins in a row (fake clock), with the same message', async () => {
    for (let attempt = 1; attempt <= 5; attempt++) expect((await postSignIn(server.port, 'lena', `wrong-${attempt}-password`)).status, `attempt ${attempt}`).toBe(401);
    const whileLocked = await postSignIn(server.port, 'lena', users.lena);
    expect([whileLocked.status, JSON.parse(whileLocked.body) as unknown]).toEqual([401, { message: SIGN_IN_FAILED, wording: { key: 'signInFailed', params: {} } }]);
    const failures = (await auditRows('auth.signIn')).filter((e) => e.userName === 'lena' && e.outcome === 'failed').map((e) => e.message ?? '');
    expect(failures.some((m) => /locked for 15 minutes/.test(m)), failures.join('\n')).toBe(true);
    expect(failures.some((m) => /^locked until /.test(m)), 'the refused correct password says why in the log only').toBe(true);

    rig.clock.advance(14 * 60_000);
    expect((await postSignIn(server.port, 'lena', users.lena)).status, 'still locked after 14 minutes').toBe(401);
    rig.clock.advance(60_000);
    const after = await postSignIn(server.port, 'lena', users.lena);
    expect(after.status, `after 15 minutes: ${after.body}`).toBe(200);
    remember(cookieOf(after) ?? '');
  });
});

describe('headless server: a signed-in browser', () => {
  it('opens the API with the session cookie: calls answer and events arrive', async () => {
    const cookie = remember(await signIn(server.port, 'alice', users.alice));
    const api = await mustOpenApi(server.port, { Cookie: cookie, Origin: origin });
    try {
      const info = await api.call('system.info');
      expect(info).toMatchObject({ ok: true, value: { version: '0.0.0-server', deviceCount: 0 } });
      expect(await api.call('auth.me')).toMatchObject({ ok: true, value: { user: { name: 'alice' }, host: 'web' } });
      rig.core.events.emit('poll.progress', { done: 3, total: 9, finished: false });
      await waitFor(() => api.events.length > 0, 3000, () => JSON.stringify(api.events));
      expect(api.events).toEqual(['poll.progress {"done":3,"total":9,"finished":false}']);
    } finally {
      api.close();
    }
  });

  it('refuses a handshake from another site (Origin) with 403 even with a valid session; the allowed proxy origin gets through', async () => {
    const cookie = remember(await signIn(server.port, 'alice', users.alice));
    routed.length = 0;
    expect(await rawHttp(server.port, upgradeRequest('/api', host, 'http://evil.example', { Cookie: cookie }))).toBe(refusal(403, 'Forbidden'));
    const lookalike = await rawHttp(server.port, upgradeRequest('/api', host, `http://127.0.0.1:${server.port + 1}`, { Cookie: cookie }));
    expect(lookalike, 'another port is another origin').toBe(refusal(403, 'Forbidden'));
    expect(routed).toEqual([]);
    const proxied = await mustOpenApi(server.port, { Cookie: cookie, Origin: PROXY_ORIGIN });
    expect(await proxied.call('system.info')).toMatchObject({ ok: true });
    proxied.close();
  });

  it('refuses a foreign Host name (DNS rebinding) on the WebSocket, on pages and on sign-in; the proxy\'s public name is answered', async () => {
    const cookie = remember(await signIn(server.port, 'alice', users.alice));
    const evil = `evil.example:${server.port}`;
    expect(await rawHttp(server.port, upgradeRequest('/api', evil, `http://${evil}`, { Cookie: cookie }))).toBe(refusal(403, 'Forbidden'));
    expect(await rawHttp(server.port, getRequest('/', evil))).toMatch(/^HTTP\/1\.1 421 /);
    const signInRebound = parseReply(await rawHttp(server.port, `POST /auth/sign-in HTTP/1.1\r\nHost: ${evil}\r\nOrigin: http://${evil}\r\nContent-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}`));
    expect(signInRebound.status).toBe(421);
    const viaProxy = parseReply(await rawHttp(server.port, getRequest('/auth/session', 'printdeck.example.com')));
    expect([viaProxy.status, viaProxy.body]).toEqual([200, '{"signedIn":false}']);
    // The proxy speaks TLS to browsers: the page's socket is wss although this listener is plain HTTP.
    expect(viaProxy.headers['content-security-policy']).toContain("connect-src 'self' wss://printdeck.example.com;");
  });

  it('signing out ends the session: its socket closes with 4401, the cookie opens nothing any more', async () => {
    const cookie = remember(await signIn(server.port, 'victor', users.victor));
    const api = await mustOpenApi(server.port, { Cookie: cookie, Origin: origin });
    const signOut = await http(server.port, '/auth/sign-out', { method: 'POST', headers: { Cookie: cookie, Origin: origin } });
    expect(signOut.status).toBe(200);
    expect(signOut.headers['set-cookie']?.[0]).toMatch(/^printdeck-session-\d+=; .*Max-Age=0/);
    expect(await api.closed).toBe(4401);
    expect(JSON.parse((await http(server.port, '/auth/session', { headers: { Cookie: cookie } })).body)).toEqual({ signedIn: false });
    expect(await openApi(server.port, { Cookie: cookie, Origin: origin })).toEqual({ ok: false, status: 401, body: '' });
    expect((await auditRows('auth.signOut')).map((e) => e.userName)).toContain('victor');
  });

  it('refuses a sign-out from another site', async () => {
    const cookie = remember(await signIn(server.port, 'victor', users.victor));
    const foreign = await http(server.port, '/auth/sign-out', { method: 'POST', headers: { Cookie: cookie, Origin: 'http://evil.example' } });
    expect(foreign.status).toBe(403);
    expect(JSON.parse((await http(server.port, '/auth/session', { headers: { Cookie: cookie } })).body)).toEqual({ signedIn: true });
  });

  it("changing one's password ends one's other sessions (socket closed 4401), not the one that changed it", async () => {
    const here = remember(await signIn(server.port, 'olga', users.olga));
    const elsewhere = remember(await signIn(server.port, 'olga', users.olga));
    const apiHere = await mustOpenApi(server.port, { Cookie: here, Origin: origin });
    const apiElsewhere = await mustOpenApi(server.port, { Cookie: elsewhere, Origin: origin });
    const next = password();
    try {
      expect(await apiHere.call('auth.changePassword', { current: users.olga, next })).toEqual({ ok: true, value: {} });
      expect(await apiElsewhere.closed).toBe(4401);
      expect(await apiHere.call('devices.list')).toMatchObject({ ok: true });
      expect(await openApi(server.port, { Cookie: elsewhere, Origin: origin })).toEqual({ ok: false, status: 401, body: '' });
      expect((await postSignIn(server.port, 'olga', users.olga)).status, 'the old password').toBe(401);
      expect(remember(await signIn(server.port, 'olga', next))).toMatch(/^printdeck-session-\d+=/);
    } finally {
      apiHere.close();
    }
  });

  it('ends a session left idle for longer than the idle time (30 minutes, fake clock): its socket closes with 4401', async () => {
    const cookie = remember(await signIn(server.port, 'ida', users.ida));
    const api = await mustOpenApi(server.port, { Cookie: cookie, Origin: origin });
    rig.clock.advance(29 * 60_000);
    expect(await api.call('system.info'), 'used within the idle time').toMatchObject({ ok: true });
    rig.clock.advance(31 * 60_000);
    const late = await api.call('system.info').then(
      (reply) => errorOf(reply).code,
      () => 'closed',
    );
    expect(['unauthorized', 'closed']).toContain(late);
    expect(await api.closed).toBe(4401);
    expect(await openApi(server.port, { Cookie: cookie, Origin: origin })).toEqual({ ok: false, status: 401, body: '' });
    expect((await auditRows('auth.sessionExpired')).map((e) => e.userName)).toContain('ida');
  });

  it('closes a connection that sends something other than a request', async () => {
    const cookie = remember(await signIn(server.port, 'alice', users.alice));
    const socket = new WebSocket(`ws://${host}/api`, { headers: { Cookie: cookie, Origin: origin } });
    const code = await new Promise<number>((resolve, reject) => {
      socket.on('open', () => socket.send('{"hello":1}'));
      socket.on('close', (closeCode) => resolve(closeCode));
      socket.on('error', reject);
    });
    expect(code).toBe(1007);
  });
});

describe('headless server: API tokens for scripts', () => {
  it("acts as its user: a Viewer's token reads, and gets 'forbidden' on devices.remove", async () => {
    const { secret } = await tokenOf(rig.core, ids.victor ?? 0, 'viewer script');
    remember(secret);
    const api = await mustOpenApi(server.port, { Authorization: `Bearer ${secret}` });
    try {
      expect(await api.call('auth.me')).toMatchObject({ ok: true, value: { user: { name: 'victor', administrator: false }, host: 'api-token' } });
      expect(await api.call('devices.list')).toMatchObject({ ok: true, value: { devices: [] } });
      expect(errorOf(await api.call('devices.remove', { ids: [1] })).code).toBe('forbidden');
      const refused = (await auditRows('devices.remove')).find((e) => e.outcome === 'refused');
      expect(refused).toMatchObject({ userName: 'victor', host: 'api-token', errorCode: 'forbidden' });
    } finally {
      api.close();
    }
  });

  it('stops working at once when revoked: its open socket closes (4401), a new handshake gets 401', async () => {
    const { id, secret } = await tokenOf(rig.core, ids.alice ?? 0, 'admin script');
    remember(secret);
    const api = await mustOpenApi(server.port, { Authorization: `Bearer ${secret}` });
    expect(await api.call('accounts.listUsers')).toMatchObject({ ok: true });
    const revoked = await rig.core.router.handle('accounts.revokeToken', { id }, internalContext('in-process', rig.core.auth.localAdministrator()));
    expect(revoked).toMatchObject({ ok: true });
    const next = await Promise.race([api.closed.then((code) => `closed ${code}`), api.call('system.info').then((reply) => errorOf(reply).code, () => 'closed')]);
    expect(['closed 4401', 'unauthorized', 'closed']).toContain(next);
    expect(await api.closed).toBe(4401);
    expect(await openApi(server.port, { Authorization: `Bearer ${secret}` })).toEqual({ ok: false, status: 401, body: '' });
  });

  it('stops working when it expires (fake clock)', async () => {
    const { secret } = await rig.core.api.accounts.createToken({ userId: ids.olga ?? 0, name: 'one day', expiresInDays: 1 }, internalContext());
    remember(secret);
    const open = await openApi(server.port, { Authorization: `Bearer ${secret}` });
    expect(open.ok).toBe(true);
    if (open.ok) open.connection.close();
    rig.clock.advance(86_400_000);
    expect(await openApi(server.port, { Authorization: `Bearer ${secret}` })).toEqual({ ok: false, status: 401, body: '' });
  });
});

describe('headless server: one-time sign-in links', () => {
  it('signs in once and redirects to "/" (the code leaves the address bar); a second use signs nobody in', async () => {
    const link = new URL(server.signInUrl(ids.alice));
    remember(link.searchParams.get('code') ?? '');
    expect(`${link.origin}${link.pathname}`).toBe(`http://127.0.0.1:${server.port}/auth/link`);
    const first = await http(server.port, `${link.pathname}${link.search}`);
    expect([first.status, first.headers.location]).toEqual([303, '/']);
    const cookie = remember(cookieOf(first) ?? '');
    expect(cookie).toMatch(/^printdeck-session-\d+=/);
    const api = await mustOpenApi(server.port, { Cookie: cookie, Origin: origin });
    expect(await api.call('auth.me')).toMatchObject({ ok: true, value: { user: { name: 'alice' } } });
    api.close();

    const again = await http(server.port, `${link.pathname}${link.search}`);
    expect([again.status, again.headers.location, again.headers['set-cookie']]).toEqual([303, '/?link=expired', undefined]);
  });

  it("without a user, signs in the built-in administrator, who must first choose a password", async () => {
    const link = new URL(server.signInUrl());
    remember(link.searchParams.get('code') ?? '');
    const cookie = remember(cookieOf(await http(server.port, `${link.pathname}${link.search}`)) ?? '');
    const api = await mustOpenApi(server.port, { Cookie: cookie, Origin: origin });
    try {
      expect(await api.call('auth.me')).toMatchObject({ ok: true, value: { user: { name: 'admin', mustChangePassword: true } } });
      expect(errorOf(await api.call('devices.list')).code, 'nothing but the password change before it').toBe('forbidden');
    } finally {
      api.close();
    }
  });
});

describe('headless server: secrets stay out of the logs', () => {
  it('no password, token secret, session cookie or link code is in the system log, its CSV export, or what the server and core logged', async () => {
    const { entries } = await rig.core.api.audit.list({ limit: 1000 }, internalContext());
    const { csv } = await rig.core.api.audit.exportCsv({}, internalContext());
    // The checks below must have something to look at.
    expect(entries.filter((e) => e.action === 'auth.signIn' && e.outcome === 'failed').length).toBeGreaterThanOrEqual(8);
    const logged = { audit: JSON.stringify(entries), csv, server: serverLog.join('\n'), core: rig.logs.join('\n') };
    const leaks: string[] = [];
    for (const secret of secrets.filter((s) => s.length >= 8)) {
      for (const [where, text] of Object.entries(logged)) if (text.includes(secret)) leaks.push(`${where}: ${secret}`);
    }
    expect(leaks).toEqual([]);
    expect(secrets.length).toBeGreaterThan(20);
  });

  it('logs password changes and token changes made through the router without their secrets', async () => {
    const admin = internalContext('in-process', rig.core.auth.localAdministrator());
    const next = password();
    expect(await rig.core.router.handle('accounts.resetPassword', { id: ids.victor, password: next, mustChangePassword: false }, admin)).toMatchObject({ ok: true });
    const created = await rig.core.router.handle('accounts.createToken', { userId: ids.victor, name: 'logged' }, admin);
    if (!created.ok) throw new Error(created.error.message);
    const secret = (created.value as { secret: string }).secret;
    const rows = [...(await auditRows('accounts.resetPassword')), ...(await auditRows('accounts.createToken'))];
    expect(rows.map((e) => e.action).sort()).toEqual(['accounts.createToken', 'accounts.resetPassword']);
    const text = JSON.stringify(rows);
    expect(text).not.toContain(next);
    expect(text).not.toContain(secret);
  });
});
