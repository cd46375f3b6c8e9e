import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Envelope, WireMessage } from '../../../src-shared/rpc/envelope';
import { createWebSocketTransport, type ConnectionStatus, type WebSocketLike, type WebSocketTransportOptions } from '../../../src-shared/rpc/websocket-transport';

type Listener = (event: never) => void;

/** A scripted socket: the test opens it, feeds it messages and drops it. */
class FakeSocket implements WebSocketLike {
  readyState = 0;
  readonly sent: string[] = [];
  closedBy: { code?: number; reason?: string } | null = null;
  private readonly listeners = new Map<string, Listener[]>();

  send(data: string): void {
    if (this.readyState !== 1) throw new Error('send on a socket that is not open');
    this.sent.push(data);
  }
  close(code?: number, reason?: string): void {
    this.closedBy = { code, reason };
    this.readyState = 3;
  }
  addEventListener(type: string, listener: Listener): void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }
  private fire(type: string, event: unknown): void {
    for (const listener of this.listeners.get(type) ?? []) (listener as (event: unknown) => void)(event);
  }
  open(): void {
    this.readyState = 1;
    this.fire('open', {});
  }
  receive(message: WireMessage | string): void {
    this.fire('message', { data: typeof message === 'string' ? message : JSON.stringify(message) });
  }
  drop(code = 1006): void {
    this.readyState = 3;
    this.fire('error', {});
    this.fire('close', { code, reason: '' });
  }
  requests(): Extract<WireMessage, { kind: 'request' }>[] {
    return this.sent.map((text) => JSON.parse(text) as Extract<WireMessage, { kind: 'request' }>);
  }
}

function rig(options: Partial<WebSocketTransportOptions> = {}) {
  const sockets: FakeSocket[] = [];
  const statuses: ConnectionStatus[] = [];
  const errors: unknown[] = [];
  const connectTimes: number[] = [];
  const transport = createWebSocketTransport({
    connect: () => {
      connectTimes.push(Date.now());
      const socket = new FakeSocket();
      sockets.push(socket);
      return socket;
    },
    onStatus: (status) => statuses.push(status),
    onError: (error) => errors.push(error),
    ...options,
  });
  const socket = (index = sockets.length - 1): FakeSocket => {
    const found = sockets[index];
    if (!found) throw new Error(`no socket #${index}; ${sockets.length} opened`);
    return found;
  };
  return { transport, sockets, socket, statuses, errors, connectTimes };
}

const settled = async <T>(promise: Promise<T>): Promise<{ done: boolean; value?: T }> => {
  let state: { done: boolean; value?: T } = { done: false };
  void promise.then((value) => (state = { done: true, value }));
  await vi.advanceTimersByTimeAsync(0);
  return state;
};

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(0);
});
afterEach(() => vi.useRealTimers());

describe('WebSocket transport', () => {
  it('sends requests as WireMessage JSON and matches replies by id, in any order', async () => {
    const { transport, socket } = rig();
    socket().open();
    const first = transport.request('devices.list', {});
    const second = transport.request('devices.get', { id: 7 });
    const [a, b] = socket().requests();
    expect(socket().requests()).toEqual([
      { kind: 'request', id: a?.id, method: 'devices.list', params: {} },
      { kind: 'request', id: b?.id, method: 'devices.get', params: { id: 7 } },
    ]);
    socket().receive({ kind: 'response', id: b?.id ?? -1, reply: { ok: false, error: { code: 'not-found', message: 'device 7 is gone' } } });
    socket().receive({ kind: 'response', id: a?.id ?? -1, reply: { ok: true, value: { devices: [] } } });
    await expect(first).resolves.toEqual({ ok: true, value: { devices: [] } });
    await expect(second).resolves.toEqual({ ok: false, error: { code: 'not-found', message: 'device 7 is gone' } });
  });

  it('queues requests made before the socket opens and sends them on open', async () => {
    const { transport, socket } = rig();
    const reply = transport.request('system.info', {});
    expect(socket().sent, 'nothing may be sent before open').toEqual([]);
    socket().open();
    expect(socket().requests().map((r) => r.method)).toEqual(['system.info']);
    socket().receive({ kind: 'response', id: socket().requests()[0]?.id ?? -1, reply: { ok: true, value: { version: '1' } } });
    await expect(reply).resolves.toMatchObject({ ok: true });
  });

  it('fails a queued request after offlineTimeoutMs with a message saying it was not sent', async () => {
    const { transport } = rig({ offlineTimeoutMs: 3000 });
    const reply = transport.request('devices.list', {});
    expect((await settled(reply)).done).toBe(false);
    await vi.advanceTimersByTimeAsync(2999);
    expect((await settled(reply)).done, 'failed too early').toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    const envelope = (await reply) as Extract<Envelope<unknown>, { ok: false }>;
    expect(envelope.ok).toBe(false);
    expect(envelope.error).toMatchObject({ code: 'internal', details: { transport: 'offline' } });
    expect(envelope.error.message).toMatch(/^no connection to the Printdeck server for 3 s, so devices\.list was not sent/);
  });

  it('fails a sent request at once when the socket drops, and never resends it', async () => {
    const { transport, socket, sockets } = rig();
    socket().open();
    const reply = transport.request('devices.add', { address: '10.0.0.5' });
    socket().drop();
    const envelope = (await reply) as Extract<Envelope<unknown>, { ok: false }>;
    expect(envelope.error).toMatchObject({ code: 'internal', details: { transport: 'connection-lost' } });
    expect(envelope.error.message).toMatch(/lost before it answered devices\.add; it may or may not have run/);
    await vi.advanceTimersByTimeAsync(250);
    sockets[1]?.open();
    expect(sockets[1]?.sent, 'a request that may have run must not be sent twice').toEqual([]);
  });

  it('reconnects with doubling delays up to the maximum, and starts over after a good connection', async () => {
    const { socket, connectTimes, statuses } = rig({ reconnectDelayMs: 100, maxReconnectDelayMs: 400 });
    for (let i = 0; i < 5; i++) {
      socket().drop();
      await vi.advanceTimersByTimeAsync(1000);
    }
    expect(connectTimes).toEqual([0, 100, 1200, 2400, 3400, 4400]);
    socket().open();
    socket().drop();
    await vi.advanceTimersByTimeAsync(100);
    expect(connectTimes.at(-1), 'the delay resets to the first one after an open').toBe(5100);
    expect(statuses.slice(0, 3)).toEqual(['connecting', 'reconnecting', 'reconnecting']);
    expect(statuses).toContain('open');
  });

  it('sends requests queued during a drop once the new socket opens', async () => {
    const { transport, socket, sockets } = rig();
    socket().open();
    socket().drop();
    const reply = transport.request('devices.list', {});
    await vi.advanceTimersByTimeAsync(250);
    expect(sockets).toHaveLength(2);
    socket().open();
    const [request] = socket().requests();
    expect(request?.method).toBe('devices.list');
    socket().receive({ kind: 'response', id: request?.id ?? -1, reply: { ok: true, value: { devices: [] } } });
    await expect(reply).resolves.toEqual({ ok: true, value: { devices: [] } });
  });

  it('delivers events to subscribers across reconnects until they unsubscribe', async () => {
    const { transport, socket } = rig();
    const seen: string[] = [];
    const stop = transport.subscribe((name, payload) => seen.push(`${name} ${JSON.stringify(payload)}`));
    socket().open();
    socket().receive({ kind: 'event', name: 'devices.changed', payload: { ids: [1], removed: [] } });
    socket().drop();
    await vi.advanceTimersByTimeAsync(250);
    socket().open();
    socket().receive({ kind: 'event', name: 'poll.progress', payload: { done: 1, total: 2, finished: false } });
    stop();
    socket().receive({ kind: 'event', name: 'groups.changed', payload: {} });
    expect(seen).toEqual(['devices.changed {"ids":[1],"removed":[]}', 'poll.progress {"done":1,"total":2,"finished":false}']);
  });

  it('keeps delivering to other listeners when one throws, and reports the error', () => {
    const { transport, socket, errors } = rig();
    const seen: string[] = [];
    transport.subscribe(() => {
      throw new Error('listener bug');
    });
    transport.subscribe((name) => seen.push(name));
    socket().open();
    socket().receive({ kind: 'event', name: 'groups.changed', payload: {} });
    expect(seen).toEqual(['groups.changed']);
    expect(errors).toEqual([new Error('listener bug')]);
  });

  it('fails a sent request after replyTimeoutMs when no reply comes', async () => {
    const { transport, socket } = rig({ replyTimeoutMs: 5000 });
    socket().open();
    const reply = transport.request('devices.refresh', { ids: [1] });
    await vi.advanceTimersByTimeAsync(5000);
    await expect(reply).resolves.toMatchObject({ ok: false, error: { code: 'internal', details: { transport: 'reply-timeout' } } });
  });

  it('reports malformed or unexpected messages and keeps working', async () => {
    const { transport, socket, errors } = rig();
    socket().open();
    socket().receive('{not json');
    socket().receive('{"kind":"response","id":1,"reply":"nonsense"}');
    const reply = transport.request('system.info', {});
    const id = socket().requests()[0]?.id ?? -1;
    socket().receive({ kind: 'response', id, reply: { ok: true, value: {} } });
    await expect(reply).resolves.toEqual({ ok: true, value: {} });
    expect(errors).toHaveLength(2);
  });

  it('retries when connect() itself throws', async () => {
    let attempts = 0;
    const good = new FakeSocket();
    const transport = createWebSocketTransport({
      connect: () => {
        attempts++;
        if (attempts < 3) throw new Error('bad URL for now');
        return good;
      },
      onError: () => undefined,
    });
    await vi.advanceTimersByTimeAsync(250 + 500);
    expect(attempts).toBe(3);
    good.open();
    const reply = transport.request('system.info', {});
    good.receive({ kind: 'response', id: good.requests()[0]?.id ?? -1, reply: { ok: true, value: 1 } });
    await expect(reply).resolves.toEqual({ ok: true, value: 1 });
  });

  it('close() cancels waiting requests, closes the socket, stops reconnecting and refuses new requests', async () => {
    const { transport, socket, sockets, statuses } = rig();
    socket().open();
    const sent = transport.request('devices.list', {});
    transport.close?.();
    await expect(sent).resolves.toMatchObject({ ok: false, error: { code: 'cancelled' } });
    expect(socket().closedBy).toEqual({ code: 1000, reason: 'client closed' });
    socket().drop();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(sockets, 'no reconnect after close()').toHaveLength(1);
    await expect(transport.request('devices.list', {})).resolves.toMatchObject({ ok: false, error: { code: 'cancelled' } });
    expect(statuses.at(-1)).toBe('closed');
  });

  it('tells onClose the code of every closed socket and whether it had opened; close() from there stops reconnecting', async () => {
    const closes: { code: number; reason: string; opened: boolean }[] = [];
    let stop = (): void => undefined;
    const { transport, socket, sockets } = rig({
      onClose: (event) => {
        closes.push(event);
        if (event.code === 4401) stop();
      },
    });
    stop = () => transport.close?.();
    socket().drop(1006);
    expect(closes).toEqual([{ code: 1006, reason: '', opened: false }]);
    await vi.advanceTimersByTimeAsync(250);
    expect(sockets, 'an ordinary failure reconnects').toHaveLength(2);
    socket().open();
    socket().drop(4401);
    expect(closes.at(-1)).toEqual({ code: 4401, reason: '', opened: true });
    await vi.advanceTimersByTimeAsync(60_000);
    expect(sockets, 'no reconnect after the listener closed the transport').toHaveLength(2);
    await expect(transport.request('devices.list', {})).resolves.toMatchObject({ ok: false, error: { code: 'cancelled' } });
  });
});

describe('WebSocket transport: "busy" replies (the request did not run)', () => {
  const busyReply = (retryAfterMs?: number): Envelope<unknown> => ({
    ok: false,
    error: { code: 'busy', message: 'The Printdeck server is still working on this connection’s earlier requests, so devices.list was not run.', ...(retryAfterMs === undefined ? {} : { details: { retryAfterMs } }) },
  });

  it('sends a "busy" request again after a pause that doubles each time, and resolves with the reply that finally comes', async () => {
    const { transport, socket } = rig({ busyRetryDelayMs: 100 });
    socket().open();
    const reply = transport.request('devices.list', {});
    const id = socket().requests()[0]?.id ?? -1;
    socket().receive({ kind: 'response', id, reply: busyReply() });
    expect((await settled(reply)).done, 'a busy request must not fail at once').toBe(false);
    await vi.advanceTimersByTimeAsync(99);
    expect(socket().requests().length).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(socket().requests().map((r) => r.id), 'sent again, same request').toEqual([id, id]);
    socket().receive({ kind: 'response', id, reply: busyReply() });
    await vi.advanceTimersByTimeAsync(199);
    expect(socket().requests().length, 'the second pause is twice as long').toBe(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(socket().requests().length).toBe(3);
    socket().receive({ kind: 'response', id, reply: { ok: true, value: { devices: [] } } });
    await expect(reply).resolves.toEqual({ ok: true, value: { devices: [] } });
  });

  it('waits at least the pause the server asks for (retryAfterMs)', async () => {
    const { transport, socket } = rig({ busyRetryDelayMs: 10 });
    socket().open();
    void transport.request('devices.list', {});
    socket().receive({ kind: 'response', id: socket().requests()[0]?.id ?? -1, reply: busyReply(700) });
    await vi.advanceTimersByTimeAsync(699);
    expect(socket().requests().length).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(socket().requests().length).toBe(2);
  });

  it('fails with the server’s "busy" error once busyTimeoutMs of pauses are used up', async () => {
    const { transport, socket } = rig({ busyRetryDelayMs: 100, busyTimeoutMs: 1000 });
    socket().open();
    const reply = transport.request('devices.list', {});
    const id = socket().requests()[0]?.id ?? -1;
    // Pauses 100 + 200 + 400 = 700 ms; the next (800) would pass 1000 ms.
    for (let attempt = 0; attempt < 3; attempt++) {
      socket().receive({ kind: 'response', id, reply: busyReply() });
      await vi.advanceTimersByTimeAsync(1000);
    }
    expect(socket().requests().length).toBe(4);
    socket().receive({ kind: 'response', id, reply: busyReply() });
    const envelope = (await reply) as Extract<Envelope<unknown>, { ok: false }>;
    expect(envelope.error.code).toBe('busy');
    expect(envelope.error.message).toMatch(/devices\.list was not run/);
    expect(socket().requests().length, 'not sent again after giving up').toBe(4);
  });

  it('holds a "busy" request over a drop (it did not run) and sends it on the new connection', async () => {
    const { transport, socket, sockets } = rig({ busyRetryDelayMs: 5000, reconnectDelayMs: 50 });
    socket().open();
    const reply = transport.request('devices.add', { address: '10.0.0.5' });
    socket(0).receive({ kind: 'response', id: socket(0).requests()[0]?.id ?? -1, reply: busyReply() });
    socket(0).drop();
    expect((await settled(reply)).done, 'not failed as "lost": it is known not to have run').toBe(false);
    await vi.advanceTimersByTimeAsync(50);
    sockets[1]?.open();
    const resent = socket(1).requests();
    expect(resent.map((r) => r.method)).toEqual(['devices.add']);
    socket(1).receive({ kind: 'response', id: resent[0]?.id ?? -1, reply: { ok: true, value: { id: 1 } } });
    await expect(reply).resolves.toEqual({ ok: true, value: { id: 1 } });
  });

  it('a "busy" request whose pause ends while disconnected waits offlineTimeoutMs for the connection, then fails as not sent', async () => {
    const { transport, socket } = rig({ busyRetryDelayMs: 100, offlineTimeoutMs: 1000, reconnectDelayMs: 60_000 });
    socket().open();
    const reply = transport.request('devices.list', {});
    socket().receive({ kind: 'response', id: socket().requests()[0]?.id ?? -1, reply: busyReply() });
    socket().drop();
    await vi.advanceTimersByTimeAsync(100 + 999);
    expect((await settled(reply)).done).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    const envelope = (await reply) as Extract<Envelope<unknown>, { ok: false }>;
    expect(envelope.error).toMatchObject({ code: 'internal', details: { transport: 'offline' } });
  });
});
