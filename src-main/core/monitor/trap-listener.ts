import { createSocket, type RemoteInfo, type Socket } from 'node:dgram';
import { decodeTrap, informResponse, type DecodedTrap } from './trap-decoder';

export interface TrapListenerDeps {
  /** Where each stored device is read (address); looked up again when a sender is not known. */
  targets: () => ReadonlyArray<{ id: number; address: string }>;
  /** Re-polls devices at once; the listener waits for it before the next batch. */
  repoll: (ids: readonly number[]) => Promise<unknown>;
  /** A datagram that was not used: malformed, not a notification, or from an unknown sender. */
  onIgnoredReply?: (reason: string, sender: string) => void;
  /** A notification matched to devices (after the inform was acknowledged). */
  onTrap?: (trap: DecodedTrap, deviceIds: readonly number[]) => void;
  now: () => number;
  log?: (line: string) => void;
}

export interface TrapListenerAddress {
  address: string;
  port: number;
}

/** The device list is read again for an unknown sender at most this often (a flood of strangers costs nothing). */
const RELOOKUP_EVERY_MS = 1_000;

/**
 * Listens for SNMP notifications (v1 traps, v2c traps and informs) on one UDP port and
 * re-polls the device that sent each one, matched by source address (for v1 also by
 * agent-addr). Informs from known devices are answered with a Response. Re-polls are
 * coalesced: one runs at a time, traps arriving meanwhile join the next batch, so a trap
 * storm costs one poll per device at a time. Nothing is sent to unknown senders.
 */
export class TrapListener {
  private socket: Socket | null = null;
  private byAddress = new Map<string, number[]>();
  private lastLookup = Number.NEGATIVE_INFINITY;
  private readonly queued = new Set<number>();
  private flushing: Promise<void> | null = null;

  constructor(private readonly deps: TrapListenerDeps) {}

  /** Where it listens, or null when stopped. */
  get address(): TrapListenerAddress | null {
    if (!this.socket) return null;
    const { address, port } = this.socket.address();
    return { address, port };
  }

  /**
   * Binds `bindAddress:port` (port 0: the system picks one). Rejects with a clear message when
   * the port cannot be bound (162 needs privileges on most systems; another listener may hold it).
   */
  async start(port: number, bindAddress = '0.0.0.0'): Promise<TrapListenerAddress> {
    await this.stop();
    const socket = createSocket({ type: bindAddress.includes(':') ? 'udp6' : 'udp4' });
    await new Promise<void>((resolve, reject) => {
      const onError = (error: NodeJS.ErrnoException): void => {
        socket.close();
        const hint = error.code === 'EACCES' ? ' (ports below 1024 need privileges: choose another port or allow it)' : error.code === 'EADDRINUSE' ? ' (another program listens there)' : '';
        reject(new Error(`trap listener cannot bind ${bindAddress}:${port}: ${error.message}${hint}`, { cause: error }));
      };
      socket.once('error', onError);
      socket.bind(port, bindAddress, () => {
        socket.off('error', onError);
        resolve();
      });
    });
    socket.on('error', (error) => this.deps.log?.(`trap listener: ${error.message}`));
    socket.on('message', (msg, rinfo) => this.receive(msg, rinfo));
    this.socket = socket;
    return { address: socket.address().address, port: socket.address().port };
  }

  /** Closes the socket and waits for a re-poll under way. Idempotent. */
  async stop(): Promise<void> {
    const socket = this.socket;
    this.socket = null;
    this.queued.clear();
    if (socket) await new Promise<void>((resolve) => socket.close(() => resolve()));
    await this.flushing;
  }

  private receive(msg: Buffer, rinfo: RemoteInfo): void {
    const sender = `${rinfo.address}:${rinfo.port}`;
    let trap: DecodedTrap;
    try {
      trap = decodeTrap(msg);
    } catch (error) {
      this.deps.onIgnoredReply?.(`malformed notification: ${error instanceof Error ? error.message : String(error)}`, sender);
      return;
    }
    const source = rinfo.address.replace(/^::ffff:/, '');
    const ids = this.lookup(source, trap.agentAddress);
    if (ids.length === 0) {
      this.deps.onIgnoredReply?.(`notification from an unknown device (${source})`, sender);
      return;
    }
    if (trap.pdu === 'informRequest') this.socket?.send(informResponse(trap), rinfo.port, rinfo.address);
    this.deps.onTrap?.(trap, ids);
    for (const id of ids) this.queued.add(id);
    this.flushing ??= this.flush();
  }

  private lookup(source: string, agentAddress: string | null): number[] {
    const find = (): number[] => this.byAddress.get(source) ?? (agentAddress ? this.byAddress.get(agentAddress) : undefined) ?? [];
    const found = find();
    const now = this.deps.now();
    if (found.length > 0 || now - this.lastLookup < RELOOKUP_EVERY_MS) return found;
    this.lastLookup = now;
    this.byAddress = new Map();
    for (const t of this.deps.targets()) this.byAddress.set(t.address, [...(this.byAddress.get(t.address) ?? []), t.id]);
    return find();
  }

  private async flush(): Promise<void> {
    try {
      while (this.queued.size > 0) {
        const ids = [...this.queued];
        this.queued.clear();
        try {
          await this.deps.repoll(ids);
        } catch (error) {
          this.deps.log?.(`trap listener: re-poll failed: ${error instanceof Error ? error.message : String(error)}`);
        }
      }
    } finally {
      this.flushing = null;
    }
  }
}
