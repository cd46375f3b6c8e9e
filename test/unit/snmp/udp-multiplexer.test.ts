import { describe, expect, it } from 'vitest';
import { UdpMultiplexer, type DatagramSocket, type RemoteInfo, type UdpFamily } from '../../../src-main/core/snmp/udp-multiplexer';
import type { SendCallback } from '../../../src-main/core/snmp/virtual-socket';

interface Sent {
  bytes: Buffer;
  port: number;
  address: string;
}

/** A dgram socket that records sends and lets the test inject datagrams and errors. */
class FakeSocket implements DatagramSocket {
  readonly sent: Sent[] = [];
  bound: { port: number; address: string } | null = null;
  closed = false;
  recvBufferSize = 0;
  private onMessage: ((message: Buffer, remote: RemoteInfo) => void) | null = null;
  private onError: ((error: Error) => void) | null = null;
  private onListening: (() => void) | null = null;

  constructor(readonly family: UdpFamily) {}

  on(event: 'message', listener: (message: Buffer, remote: RemoteInfo) => void): this;
  on(event: 'error', listener: (error: Error) => void): this;
  on(event: 'listening', listener: () => void): this;
  on(event: 'message' | 'error' | 'listening', listener: ((message: Buffer, remote: RemoteInfo) => void) | ((error: Error) => void) | (() => void)): this {
    if (event === 'message') this.onMessage = listener as (message: Buffer, remote: RemoteInfo) => void;
    else if (event === 'error') this.onError = listener as (error: Error) => void;
    else this.onListening = listener as () => void;
    return this;
  }

  bind(port: number, address: string): this {
    this.bound = { port, address };
    this.onListening?.();
    return this;
  }

  send(buffer: Buffer, offset: number, length: number, port: number, address: string, callback: SendCallback): void {
    this.sent.push({ bytes: buffer.subarray(offset, offset + length), port, address });
    callback(null, length);
  }

  setRecvBufferSize(bytes: number): void {
    this.recvBufferSize = bytes;
  }

  setSendBufferSize(): void {
    throw new Error('refused by this platform');
  }

  unref(): this {
    return this;
  }

  close(callback?: () => void): this {
    this.closed = true;
    callback?.();
    return this;
  }

  receive(bytes: Buffer, address: string, port: number): void {
    this.onMessage?.(bytes, { address, port });
  }

  failWith(error: Error): void {
    this.onError?.(error);
  }
}

function setup(sockets = 1) {
  const real: FakeSocket[] = [];
  const mux = new UdpMultiplexer({
    sockets,
    createSocket: (family) => {
      const socket = new FakeSocket(family);
      real.push(socket);
      return socket;
    },
    resolve: async (host) => (host === 'printer.example' ? '192.0.2.7' : Promise.reject(Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' }))),
  });
  return { mux, real };
}

function sendVia(socket: { send: (b: Buffer, o: number, l: number, p: number, a: string, cb: SendCallback) => void }, address: string, port: number, text = 'request'): Promise<Error | null> {
  const bytes = Buffer.from(text);
  return new Promise((resolve) => socket.send(bytes, 0, bytes.length, port, address, (error) => resolve(error)));
}

describe('UdpMultiplexer', () => {
  it('routes a reply to the virtual socket of its sender only', async () => {
    const { mux, real } = setup();
    const a = mux.createVirtualSocket('udp4');
    const b = mux.createVirtualSocket('udp4');
    const gotA: string[] = [];
    const gotB: string[] = [];
    a.on('message', (m) => gotA.push(m.toString()));
    b.on('message', (m) => gotB.push(m.toString()));
    await sendVia(a, '127.0.0.10', 161);
    await sendVia(b, '127.0.0.11', 161);

    real[0]?.receive(Buffer.from('for-b'), '127.0.0.11', 161);
    real[0]?.receive(Buffer.from('for-a'), '127.0.0.10', 161);

    expect(gotA).toEqual(['for-a']);
    expect(gotB).toEqual(['for-b']);
  });

  it('drops and counts a reply from an address no session talks to (net-snmp would accept it)', async () => {
    const { mux, real } = setup();
    const a = mux.createVirtualSocket('udp4');
    const got: string[] = [];
    a.on('message', (m) => got.push(m.toString()));
    await sendVia(a, '127.0.0.10', 161);

    real[0]?.receive(Buffer.from('spoofed'), '127.0.0.99', 161);
    real[0]?.receive(Buffer.from('wrong-port'), '127.0.0.10', 1161);

    expect(got).toEqual([]);
    expect(mux.stats().strayDatagrams).toBe(2);
  });

  it('delivers to every session of one agent (two communities) and forgets a closed one', async () => {
    const { mux, real } = setup();
    const first = mux.createVirtualSocket('udp4');
    const second = mux.createVirtualSocket('udp4');
    const got: string[] = [];
    first.on('message', (m) => got.push(`first:${m.toString()}`));
    second.on('message', (m) => got.push(`second:${m.toString()}`));
    await sendVia(first, '127.0.0.10', 161);
    await sendVia(second, '127.0.0.10', 161);
    real[0]?.receive(Buffer.from('x'), '127.0.0.10', 161);
    second.close();
    real[0]?.receive(Buffer.from('y'), '127.0.0.10', 161);

    expect(got).toEqual(['first:x', 'second:x', 'first:y']);
    expect(mux.stats().virtualSockets).toBe(1);
  });

  it('spreads sessions over the pool, one real socket per slot, and counts payload bytes', async () => {
    const { mux, real } = setup(2);
    const sockets = [0, 1, 2, 3].map(() => mux.createVirtualSocket('udp4'));
    for (const [i, s] of sockets.entries()) await sendVia(s, `127.0.0.${20 + i}`, 161, 'abcd');
    real[1]?.receive(Buffer.from('123456'), '127.0.0.21', 161);

    expect(real).toHaveLength(2);
    expect(real.map((r) => r.sent.length)).toEqual([2, 2]);
    expect(real[0]?.bound).toEqual({ port: 0, address: '0.0.0.0' });
    expect(real[0]?.recvBufferSize).toBeGreaterThanOrEqual(1024 * 1024);
    expect(mux.stats()).toMatchObject({ sockets: 2, bytesSent: 16, bytesReceived: 6 });
  });

  it('resolves a host name once and routes replies from the resolved address', async () => {
    const { mux, real } = setup();
    const s = mux.createVirtualSocket('udp4');
    const got: string[] = [];
    s.on('message', (m) => got.push(m.toString()));
    await Promise.all([sendVia(s, 'printer.example', 161, 'one'), sendVia(s, 'printer.example', 161, 'two')]);
    real[0]?.receive(Buffer.from('reply'), '192.0.2.7', 161);

    expect(real[0]?.sent.map((x) => `${x.address}:${x.port}:${x.bytes.toString()}`)).toEqual(['192.0.2.7:161:one', '192.0.2.7:161:two']);
    expect(got).toEqual(['reply']);
  });

  it('reports a name that does not resolve to the send callback', async () => {
    const { mux } = setup();
    const s = mux.createVirtualSocket('udp4');
    const error = await sendVia(s, 'nowhere.invalid', 161);
    expect(error).toMatchObject({ code: 'ENOTFOUND' });
  });

  it('fails the sessions of a real socket that errors, and gives new sessions a fresh socket', async () => {
    const { mux, real } = setup();
    const s = mux.createVirtualSocket('udp4');
    const failures: string[] = [];
    s.onFailure = (e) => failures.push(e.message);
    await sendVia(s, '127.0.0.10', 161);
    real[0]?.failWith(new Error('EMFILE'));
    const fresh = mux.createVirtualSocket('udp4');
    await sendVia(fresh, '127.0.0.10', 161);

    expect(failures).toEqual(['EMFILE']);
    expect(real).toHaveLength(2);
    expect(real[0]?.closed).toBe(true);
    expect(real[1]?.sent).toHaveLength(1);
  });

  it('keeps routing when a session handler throws, and reports the throw', async () => {
    const { mux, real } = setup();
    const s = mux.createVirtualSocket('udp4');
    const errors: unknown[] = [];
    s.onHandlerError = (e) => errors.push(e);
    s.on('message', () => {
      throw new TypeError('library choked');
    });
    await sendVia(s, '127.0.0.10', 161);
    expect(() => real[0]?.receive(Buffer.from('x'), '127.0.0.10', 161)).not.toThrow();
    expect(errors).toHaveLength(1);
  });

  it('closes every real socket and refuses new virtual sockets afterwards', async () => {
    const { mux, real } = setup(3);
    const s = mux.createVirtualSocket('udp4');
    mux.createVirtualSocket('udp6');
    const failures: string[] = [];
    s.onFailure = (e) => failures.push(e.message);
    await mux.close();

    expect(real.every((r) => r.closed)).toBe(true);
    expect(failures).toHaveLength(1);
    expect(mux.stats().sockets).toBe(0);
    expect(() => mux.createVirtualSocket('udp4')).toThrow(/closed/);
  });
});
