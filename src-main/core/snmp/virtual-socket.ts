/**
 * A stand-in for a dgram socket, handed to one net-snmp Session through its `dgramModule`
 * option. It owns no file descriptor: sends go through a shared real socket of the router,
 * and the router hands it only datagrams whose sender is this session's target.
 */

export type SendCallback = (error: Error | null, bytes?: number) => void;

/** What a virtual socket needs from its owner (the UDP multiplexer). */
export interface DatagramRouter {
  send(socket: VirtualSocket, buffer: Buffer, offset: number, length: number, port: number, address: string, callback: SendCallback): void;
  release(socket: VirtualSocket): void;
}

export class VirtualSocket {
  /** Route key ("address:port" of the target) once the first send fixed it; null before. */
  routeKey: string | null = null;
  /** Resolved address of the target (an IP literal). */
  remoteAddress = '';
  remotePort = 0;
  closed = false;
  /** Called when the real socket under this one failed; requests on it will not be answered. */
  onFailure: ((error: Error) => void) | null = null;
  /** Called when the session's handler threw on a datagram (a reply net-snmp could not digest). */
  onHandlerError: ((error: unknown) => void) | null = null;

  private messageListener: ((message: Buffer) => void) | null = null;
  private closeListener: (() => void) | null = null;
  private errorListener: ((error: Error) => void) | null = null;

  constructor(
    private readonly router: DatagramRouter,
    /** Index of the real socket this one sends through (fixed for its life). */
    readonly slot: number,
    readonly family: 'udp4' | 'udp6',
  ) {}

  on(event: 'message', listener: (message: Buffer) => void): this;
  on(event: 'close', listener: () => void): this;
  on(event: 'error', listener: (error: Error) => void): this;
  /** Registers net-snmp's listener; one per event is all a Session installs. Never throws. */
  on(event: 'message' | 'close' | 'error', listener: ((message: Buffer) => void) | (() => void) | ((error: Error) => void)): this {
    if (event === 'message') this.messageListener = listener as (message: Buffer) => void;
    else if (event === 'close') this.closeListener = listener as () => void;
    else this.errorListener = listener as (error: Error) => void;
    return this;
  }

  // The client's own request deadlines keep the process alive while requests are in flight,
  // so per-session ref counting of the shared sockets is unnecessary.
  ref(): this {
    return this;
  }

  unref(): this {
    return this;
  }

  /** Sessions bind only when given a source address, which the client never does. */
  bind(): this {
    return this;
  }

  /** Sends through the shared socket; errors reach `callback` (never thrown). */
  send(buffer: Buffer, offset: number, length: number, port: number, address: string, callback: SendCallback): void {
    if (this.closed) {
      callback(new Error('socket closed'));
      return;
    }
    this.router.send(this, buffer, offset, length, port, address, callback);
  }

  /** Detaches from the router and tells the session; idempotent. */
  close(): this {
    if (this.closed) return this;
    this.closed = true;
    this.router.release(this);
    this.closeListener?.();
    return this;
  }

  /** Hands one datagram from the target to the session; a throwing handler is reported, not propagated. */
  deliver(message: Buffer): void {
    const listener = this.messageListener;
    if (listener === null) return;
    try {
      listener(message);
    } catch (error) {
      this.onHandlerError?.(error);
    }
  }

  /** The real socket failed: tell the session and the client. */
  fail(error: Error): void {
    this.errorListener?.(error);
    this.onFailure?.(error);
  }
}
