import type { WebContents } from 'electron';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Caller } from '../../../src-shared/auth/access';
import { appContract } from '../../../src-shared/contract/app.contract';
import type { SessionUser } from '../../../src-shared/contract/auth.contract';
import { AppError } from '../../../src-shared/rpc/app-error';
import type { CallContext } from '../../../src-shared/rpc/contract-builder';
import { createRouter } from '../../../src-shared/rpc/router';
import { IPC_CHANNELS } from '../../../src-main/shell/ipc-channels';
import { CALLER_TTL_MS, startIpcTransport, type DesktopAuth, type IpcTransport } from '../../../src-main/shell/ipc-transport';
import { APP_PAGE_URL } from '../../../src-main/shell/navigation-policy';
import { anEventHub, stubAppImpl } from './shell-fixtures';
import { FakeWebContents, ipcMain, resetFakeElectron } from './fake-electron';

vi.mock('electron', () => import('./fake-electron.js'));

const rendererUrl = APP_PAGE_URL;
const page = { url: `${rendererUrl}#/devices`, parent: null };

const ADMIN: Caller = { userId: 1, userName: 'admin', displayName: 'Administrator', administrator: true, permissions: {} };
/** May see the device list and nothing else. */
const OPERATOR: Caller = { userId: 2, userName: 'olga', displayName: 'Olga', administrator: false, permissions: { deviceList: 'view' } };
const PASSWORDS: Record<string, { password: string; caller: Caller }> = { olga: { password: 'olga-pw', caller: OPERATOR }, admin: { password: 'admin-pw', caller: ADMIN } };

/** The parts of the core's AuthService the transport uses, with sessions in a map. */
class FakeDesktopAuth implements DesktopAuth {
  required = false;
  readonly sessions = new Map<string, { caller: Caller; sessionId: number }>();
  readonly endedByToken: string[] = [];
  private readonly listeners = new Set<(ids: readonly number[]) => void>();
  private nextSession = 1;

  localAdministrator(): Caller {
    return ADMIN;
  }
  desktopSignInRequired(): boolean {
    return this.required;
  }
  resolveSession(token: string): { caller: Caller; sessionId: number } | null {
    return this.sessions.get(token) ?? null;
  }
  endSessionByToken(token: string): void {
    this.endedByToken.push(token);
    const session = this.sessions.get(token);
    if (session) this.end(session.sessionId);
  }
  onSessionsEnded(listener: (ids: readonly number[]) => void): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }
  open(caller: Caller): string {
    const sessionId = this.nextSession++;
    const token = `token-${sessionId}`;
    this.sessions.set(token, { caller, sessionId });
    return token;
  }
  /** A session ends in the core (sign-out, password change elsewhere): listeners hear of it. */
  end(sessionId: number): void {
    for (const [token, session] of this.sessions) if (session.sessionId === sessionId) this.sessions.delete(token);
    for (const listener of [...this.listeners]) listener([sessionId]);
  }
  listenerCount(): number {
    return this.listeners.size;
  }
}

function sessionUser(caller: Caller): SessionUser {
  return { id: caller.userId, name: caller.userName, displayName: caller.displayName, administrator: caller.administrator, permissions: { ...caller.permissions }, mustChangePassword: false, source: 'local' };
}

function setUp(options: { required?: boolean } = {}) {
  const contexts: Array<{ method: string; context: CallContext }> = [];
  const auth = new FakeDesktopAuth();
  auth.required = options.required ?? false;
  let clock = 1_000_000;
  // The auth service as the core implements it: signIn adopts the session through the host, signOut ends it.
  const router = createRouter(
    appContract,
    stubAppImpl({
      system: {
        info: (_args, context) => {
          contexts.push({ method: 'system.info', context });
          return { version: '0.1.0', demo: false, pollIntervalMs: 60_000, monitoring: true, deviceCount: 0, demoSearch: null };
        },
      },
      devices: {
        list: (_args, context) => {
          contexts.push({ method: 'devices.list', context });
          return { devices: [] };
        },
      },
      auth: {
        me: (_args, context) => ({ user: context.caller ? sessionUser(context.caller) : null, host: context.host, signInRequired: auth.required }),
        signIn: ({ userName, password }, context) => {
          const account = PASSWORDS[userName];
          if (!account || account.password !== password) throw new AppError('unauthorized', 'Sign-in failed.');
          if (!context.hostSession) throw new AppError('unsupported', 'no host session');
          context.hostSession.adopt(auth.open(account.caller));
          return { user: sessionUser(account.caller) };
        },
        signOut: (_args, context) => {
          if (context.sessionId !== null) auth.end(context.sessionId);
          context.hostSession?.drop();
          return {};
        },
      },
    }),
  );
  const events = anEventHub();
  const ours = new FakeWebContents();
  const windows: FakeWebContents[] = [ours];
  const transport: IpcTransport = startIpcTransport({ router, auth, events, rendererUrl, windows: () => windows as unknown as WebContents[], now: () => clock });
  const call = (sender: FakeWebContents, frame: { url: string; parent: unknown } | null, method: unknown, params: unknown = {}) => {
    const handler = ipcMain.handlers.get(IPC_CHANNELS.rpc);
    if (!handler) throw new Error(`no handler on ${IPC_CHANNELS.rpc}`);
    return (handler as (...args: unknown[]) => Promise<unknown>)({ sender, senderFrame: frame }, method, params);
  };
  /** A second window of ours (the transport accepts any window the shell lists). */
  const another = (): FakeWebContents => {
    const contents = new FakeWebContents();
    windows.push(contents);
    return contents;
  };
  const signIn = (sender: FakeWebContents, userName: string) => call(sender, page, 'auth.signIn', { userName, password: PASSWORDS[userName]?.password });
  const eventsOf = (contents: FakeWebContents) => contents.sent.filter((m) => m.channel === IPC_CHANNELS.event).map((m) => m.args[0]);
  const tick = (ms: number) => {
    clock += ms;
  };
  return { contexts, auth, events, ours, windows, transport, call, another, signIn, eventsOf, tick };
}

beforeEach(() => resetFakeElectron());

describe('the IPC transport', () => {
  it('answers a call from our window as the local administrator on the desktop host', async () => {
    const { call, ours, contexts } = setUp();
    const reply = await call(ours, page, 'system.info');
    expect(reply).toEqual({ ok: true, value: { version: '0.1.0', demo: false, pollIntervalMs: 60_000, monitoring: true, deviceCount: 0, demoSearch: null } });
    expect(contexts).toEqual([{ method: 'system.info', context: { caller: ADMIN, host: 'desktop', sessionId: null, address: null, hostSession: expect.any(Object) } }]);
    expect(await call(ours, page, 'auth.me')).toEqual({ ok: true, value: { user: sessionUser(ADMIN), host: 'desktop', signInRequired: false } });
  });

  it.each([
    ['another webContents', 'stranger', { url: rendererUrl, parent: null }, /not a Printdeck window/],
    ['another page in our window', 'ours', { url: 'https://evil.example/', parent: null }, /not the Printdeck page \(https:\/\/evil\.example\/\)/],
    ['another local file', 'ours', { url: 'file:///tmp/evil.html', parent: null }, /not the Printdeck page/],
    ['the built page over file://', 'ours', { url: 'file:///opt/printdeck/dist/renderer/index.html', parent: null }, /not the Printdeck page/],
    ['another page of the app origin', 'ours', { url: 'app://printdeck/other.html', parent: null }, /not the Printdeck page/],
    ['an iframe in our page', 'ours', { url: rendererUrl, parent: {} }, /embedded frame/],
    ['a frame that is gone', 'ours', null, /frame is gone/],
  ] as const)('refuses %s with forbidden', async (_what, who, frame, reason) => {
    const { call, ours, contexts } = setUp();
    const reply = await call(who === 'ours' ? ours : new FakeWebContents(), frame, 'system.info');
    expect(reply).toMatchObject({ ok: false, error: { code: 'forbidden', message: expect.stringMatching(reason) } });
    expect(contexts).toEqual([]);
  });

  it('refuses a sign-in from a sender it has not checked, adopting nothing', async () => {
    const { call, auth } = setUp({ required: true });
    const reply = await call(new FakeWebContents(), page, 'auth.signIn', { userName: 'olga', password: 'olga-pw' });
    expect(reply).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(auth.sessions.size).toBe(0);
  });

  it('validates through the router and rejects a non-string method', async () => {
    const { call, ours } = setUp();
    expect(await call(ours, page, 42)).toMatchObject({ ok: false, error: { code: 'invalid-argument' } });
    expect(await call(ours, page, 'devices.get', { id: 'seven' })).toMatchObject({ ok: false, error: { code: 'invalid-argument', message: expect.stringMatching(/^devices\.get: id:/) } });
    expect(await call(ours, page, 'nope.nothing')).toMatchObject({ ok: false, error: { code: 'not-found' } });
  });

  it("pushes the core's events and the shell's own to every live window on the event channel", () => {
    const { events, ours, windows, transport } = setUp();
    const closed = new FakeWebContents();
    closed.destroyed = true;
    windows.push(closed);
    events.emit('device.status', { id: 5, name: 'lobby', state: 'error', previous: 'ok', message: 'Paper jam' });
    transport.push('shell.openDevice', { id: 5 });
    expect(ours.sent).toEqual([
      { channel: IPC_CHANNELS.event, args: ['device.status', { id: 5, name: 'lobby', state: 'error', previous: 'ok', message: 'Paper jam' }] },
      { channel: IPC_CHANNELS.event, args: ['shell.openDevice', { id: 5 }] },
    ]);
    expect(closed.sent).toEqual([]);
  });

  it('stops answering and forwarding once disposed', () => {
    const { events, ours, transport, auth } = setUp();
    transport.dispose();
    events.emit('groups.changed', {});
    expect([ipcMain.handlers.has(IPC_CHANNELS.rpc), ours.sent.length, auth.listenerCount()]).toEqual([false, 0, 0]);
  });
});

describe('the IPC transport when the desktop requires sign-in', () => {
  it("answers a window without a session 'unauthorized' on a device method, and auth.me with user null", async () => {
    const { call, ours, contexts } = setUp({ required: true });
    expect(await call(ours, page, 'devices.list')).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    expect(contexts).toEqual([]);
    expect(await call(ours, page, 'auth.me')).toEqual({ ok: true, value: { user: null, host: 'desktop', signInRequired: true } });
  });

  it('keeps the session auth.signIn opened for that window only', async () => {
    const { call, ours, another, signIn, contexts } = setUp({ required: true });
    const second = another();
    expect(await signIn(ours, 'olga')).toEqual({ ok: true, value: { user: sessionUser(OPERATOR) } });

    expect(await call(ours, page, 'devices.list')).toEqual({ ok: true, value: { devices: [] } });
    expect(contexts.at(-1)?.context).toMatchObject({ caller: OPERATOR, host: 'desktop', sessionId: 1 });
    expect(await call(ours, page, 'auth.me')).toMatchObject({ ok: true, value: { user: { name: 'olga' } } });
    // The other window stays signed out.
    expect(await call(second, page, 'devices.list')).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    expect(await call(second, page, 'auth.me')).toMatchObject({ ok: true, value: { user: null } });
  });

  it('adopts nothing when the password is wrong', async () => {
    const { call, ours, auth } = setUp({ required: true });
    expect(await call(ours, page, 'auth.signIn', { userName: 'olga', password: 'guess' })).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    expect(auth.sessions.size).toBe(0);
    expect(await call(ours, page, 'devices.list')).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
  });

  it('forgets the session on auth.signOut', async () => {
    const { call, ours, signIn, auth } = setUp({ required: true });
    await signIn(ours, 'olga');
    expect(await call(ours, page, 'auth.signOut')).toEqual({ ok: true, value: {} });
    expect(auth.sessions.size).toBe(0);
    expect(await call(ours, page, 'devices.list')).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    expect(await call(ours, page, 'auth.me')).toMatchObject({ ok: true, value: { user: null } });
  });

  it('drops a session that ended (resolveSession → null) and tells the page with accounts.changed', async () => {
    const { call, ours, signIn, auth, eventsOf } = setUp({ required: true });
    await signIn(ours, 'olga');
    expect(await call(ours, page, 'devices.list')).toMatchObject({ ok: true });
    auth.sessions.clear(); // expired: the core no longer knows the token
    expect(await call(ours, page, 'devices.list')).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    expect(eventsOf(ours)).toEqual(['accounts.changed']);
    // It stays signed out even if the token were valid again: the window forgot it.
    auth.sessions.set('token-1', { caller: OPERATOR, sessionId: 1 });
    expect(await call(ours, page, 'devices.list')).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
  });

  it('signs a window out at once when its session ends elsewhere (password changed, user disabled)', async () => {
    const { call, ours, another, signIn, auth, events, eventsOf } = setUp({ required: true });
    const second = another();
    await signIn(ours, 'olga');
    await signIn(second, 'admin');
    auth.end(1);
    expect(eventsOf(ours)).toEqual(['accounts.changed']);
    events.emit('device.status', { id: 5, name: 'lobby', state: 'error', previous: 'ok', message: 'Paper jam' });
    expect(eventsOf(ours)).toEqual(['accounts.changed']);
    expect(eventsOf(second)).toEqual(['device.status']);
    expect(await call(ours, page, 'devices.list')).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    expect(await call(second, page, 'devices.list')).toMatchObject({ ok: true });
  });

  it('pushes events only to windows whose user may see them', async () => {
    const { ours, another, signIn, events, eventsOf } = setUp({ required: true });
    const adminWindow = another();
    const signedOut = another();
    await signIn(ours, 'olga');
    await signIn(adminWindow, 'admin');
    events.emit('device.status', { id: 5, name: 'lobby', state: 'error', previous: 'ok', message: 'Paper jam' });
    events.emit('tasks.changed', { ids: [] });
    events.emit('audit.appended', {});
    expect(eventsOf(ours)).toEqual(['device.status']);
    expect(eventsOf(adminWindow)).toEqual(['device.status', 'tasks.changed', 'audit.appended']);
    expect(eventsOf(signedOut)).toEqual([]);
  });

  it('sees changed rights on accounts.changed, and otherwise after a few seconds', async () => {
    const { ours, signIn, auth, events, eventsOf, tick } = setUp({ required: true });
    await signIn(ours, 'olga');
    const session = auth.sessions.get('token-1');
    if (!session) throw new Error('no session');
    session.caller = { ...OPERATOR, permissions: { deviceList: 'view', systemLog: 'view' } };
    events.emit('audit.appended', {});
    expect(eventsOf(ours)).toEqual([]); // the caller resolved at the call is reused for a while
    events.emit('accounts.changed', {});
    events.emit('audit.appended', {});
    expect(eventsOf(ours)).toEqual(['accounts.changed', 'audit.appended']);
    session.caller = OPERATOR;
    tick(CALLER_TTL_MS + 1);
    events.emit('audit.appended', {});
    expect(eventsOf(ours)).toEqual(['accounts.changed', 'audit.appended']);
  });

  it('signs windows out when the setting is turned on while they act as the local administrator', async () => {
    const { call, ours, auth, events, eventsOf } = setUp();
    expect(await call(ours, page, 'devices.list')).toMatchObject({ ok: true });
    auth.required = true;
    events.emit('accounts.changed', {});
    expect(eventsOf(ours)).toEqual(['accounts.changed']);
    expect(await call(ours, page, 'devices.list')).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
  });

  it('ends the earlier session when a window signs in again, and its session when the window goes away or the app quits', async () => {
    const { ours, another, signIn, auth, transport } = setUp({ required: true });
    await signIn(ours, 'olga');
    await signIn(ours, 'admin');
    expect(auth.endedByToken).toEqual(['token-1']);
    const second = another();
    await signIn(second, 'olga');
    second.destroy();
    expect(auth.endedByToken).toEqual(['token-1', 'token-3']);
    transport.dispose();
    expect(auth.endedByToken).toEqual(['token-1', 'token-3', 'token-2']);
    expect(auth.sessions.size).toBe(0);
  });
});
