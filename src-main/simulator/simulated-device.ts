import { createHash } from 'node:crypto';
import { createSocket, type RemoteInfo, type Socket } from 'node:dgram';
import { isIP } from 'node:net';
import type { PrinterCondition } from '../../src-shared/domain/device-reading';
import type { SnmpValue } from '../../src-shared/snmp/snmp-value';
import { BER_TAG, encodeInteger } from '../../src-shared/snmp/ber/ber-primitives';
import { asBuffer } from './buffer-view';
import { FaultInjector, hashString, type SimFaults } from './fault-injector';
import type { MibCompiler, MibStore, OidKey } from './mib-store';
import { echoReply, respond, type ResponseBody } from './pdu-responder';
import { applyErrorState, clearAlertRows, nextAlertIndex, PRINTER_OIDS, writeAlertRow, type SimAlert } from './printer-state-editor';
import { readCommunityRequest, readMessageVersion, type RequestPdu } from './request-reader';
import { replyOverhead, writeReply } from './response-writer';
import { ERROR_STATUS, PDU_TYPE } from '../../src-shared/snmp/ber/snmp-pdu-codec';
import { NotificationSender } from './notification-sender';
import type { SimulatedDeviceHandle, SimulatedDeviceSpec, SimulatorStats, SimTrapOptions } from './simulator-types';
import { UsmEngine, type UsmRequestState } from './usm';
import type { UsmKeyCache } from './usm-crypto';

/** What all devices of one simulator share. */
export interface DeviceEnvironment {
  readonly compiler: MibCompiler;
  readonly keys: UsmKeyCache;
  readonly stats: SimulatorStats;
  /** Monotonic milliseconds. */
  readonly now: () => number;
  readonly seed: number;
  readonly maxMessageSize: number;
  readonly allowNonLoopback: boolean;
  readonly defaultV3Users: SimulatedDeviceSpec['v3Users'];
  /** Port a wildcard broadcast listener shares with the devices (they bind it with SO_REUSEADDR), else null. */
  readonly sharedPort: number | null;
}

const MIN_MESSAGE_SIZE = 484;

/**
 * One simulated agent: its own UDP socket on its own address (so replies come from the
 * address the manager asked), its MIB per context, its USM engine and its faults.
 */
export class SimulatedDevice implements SimulatedDeviceHandle {
  readonly name: string;
  readonly engineId: string;
  private readonly socket: Socket;
  private boundPort = 0;
  private readonly main: MibStore;
  private readonly contexts = new Map<string, MibStore>();
  private readonly communities = new Map<string, MibStore>();
  private readonly usm: UsmEngine;
  private readonly faults: FaultInjector;
  private readonly maxMessageSize: number;
  private readonly readOnly: boolean;
  private readonly uptimeKey: OidKey;
  private uptimeBase = 0;
  private uptimeSince: number;
  private alertIndex: number;
  private readonly notifications: NotificationSender;
  private readonly timers = new Set<NodeJS.Timeout>();
  private closed = false;

  constructor(
    spec: SimulatedDeviceSpec,
    readonly address: string,
    private readonly requestedPort: number,
    private readonly env: DeviceEnvironment,
  ) {
    this.name = spec.name;
    this.main = env.compiler.compile(spec.varbinds);
    this.contexts.set('', this.main);
    for (const [context, varbinds] of Object.entries(spec.contexts ?? {})) {
      if (context !== '') this.contexts.set(context, env.compiler.compile(varbinds));
    }
    for (const community of spec.communities ?? ['public', spec.name]) {
      this.communities.set(community, this.main);
      for (const [context, store] of this.contexts) if (context !== '') this.communities.set(`${community}@${context}`, store);
    }
    const engineId = spec.engineId ? Buffer.from(spec.engineId, 'hex') : defaultEngineId(spec.name);
    if (engineId.length < 5 || engineId.length > 32) throw new RangeError(`${spec.name}: engineId must be 5..32 bytes of hex`);
    this.engineId = engineId.toString('hex');
    this.uptimeSince = env.now();
    const startedAt = this.uptimeSince;
    this.usm = new UsmEngine(engineId, spec.engineBoots ?? 1, () => Math.floor((env.now() - startedAt) / 1000), spec.v3Users ?? env.defaultV3Users ?? [], env.keys);
    const seed = (env.seed ^ hashString(spec.name)) >>> 0;
    this.faults = new FaultInjector(seed, spec.faults ?? {});
    this.maxMessageSize = Math.max(MIN_MESSAGE_SIZE, spec.maxMessageSize ?? env.maxMessageSize);
    this.readOnly = spec.readOnly ?? false;
    this.uptimeKey = env.compiler.key(PRINTER_OIDS.sysUpTime);
    const uptime = this.main.get(PRINTER_OIDS.sysUpTime);
    if (uptime?.type === 'TimeTicks') this.uptimeBase = uptime.value;
    this.alertIndex = nextAlertIndex(this.main);
    this.socket = createSocket({ type: isIP(address) === 6 ? 'udp6' : 'udp4', reuseAddr: requestedPort !== 0 && requestedPort === env.sharedPort });
    this.socket.on('message', (msg, rinfo) => this.onMessage(msg, rinfo));
    this.notifications = new NotificationSender(this.socket, spec.name, seed, env.allowNonLoopback);
  }

  get port(): number {
    return this.boundPort;
  }

  /** Binds the socket; rejects with the system error (EADDRINUSE …) naming the address. */
  bind(): Promise<void> {
    return new Promise((resolve, reject) => {
      const onError = (error: Error): void => {
        reject(new Error(`${this.name}: cannot bind ${this.address}:${this.requestedPort}: ${error.message}`));
      };
      this.socket.once('error', onError);
      this.socket.bind(this.requestedPort, this.address, () => {
        this.socket.off('error', onError);
        // Later socket errors (e.g. ICMP unreachable on send) must not crash the process.
        this.socket.on('error', () => undefined);
        this.boundPort = this.socket.address().port;
        resolve();
      });
    });
  }

  /** Stops answering and releases the socket; pending informs are abandoned. */
  close(): Promise<void> {
    if (this.closed) return Promise.resolve();
    this.closed = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    this.notifications.cancelAll();
    return new Promise((resolve) => {
      try {
        this.socket.close(() => resolve());
      } catch {
        resolve(); // never bound
      }
    });
  }

  getValue(oid: string): SnmpValue | undefined {
    if (oid === PRINTER_OIDS.sysUpTime) return { type: 'TimeTicks', value: this.uptimeTicks() };
    return this.main.get(oid);
  }

  setValue(oid: string, value: SnmpValue): void {
    this.main.set(oid, value);
    if (oid === PRINTER_OIDS.sysUpTime && value.type === 'TimeTicks') {
      this.uptimeBase = value.value;
      this.uptimeSince = this.env.now();
    }
  }

  removeValue(oid: string): void {
    this.main.remove(oid);
  }

  setErrorState(conditions: PrinterCondition[]): void {
    applyErrorState(this.main, conditions);
  }

  addAlert(alert: SimAlert): number {
    const index = this.alertIndex++;
    writeAlertRow(this.main, index, alert, this.uptimeTicks());
    return index;
  }

  clearAlerts(): void {
    clearAlertRows(this.main);
  }

  setSupplyLevel(index: string, level: number): void {
    this.main.set(`${PRINTER_OIDS.prtMarkerSuppliesLevel}.${index}`, { type: 'Integer', value: level });
  }

  setCounter(oid: string, value: number): void {
    const current = this.main.get(oid);
    switch (current?.type) {
      case 'Counter64':
        this.main.set(oid, { type: 'Counter64', value: BigInt(value) });
        return;
      case 'Integer':
      case 'Gauge32':
      case 'TimeTicks':
        this.main.set(oid, { type: current.type, value });
        return;
      default:
        this.main.set(oid, { type: 'Counter32', value });
    }
  }

  setFaults(faults: Partial<SimFaults>): void {
    this.faults.update(faults);
  }

  sendTrap(options: SimTrapOptions): Promise<void> {
    return this.notifications.send(options, this.uptimeTicks());
  }

  /** A datagram the broadcast listener received for this device: answered from the device's own socket. */
  receive(msg: Buffer, rinfo: RemoteInfo): void {
    this.onMessage(msg, rinfo);
  }

  private uptimeTicks(): number {
    return Math.floor(this.uptimeBase + (this.env.now() - this.uptimeSince) / 10) % 0x100000000;
  }

  private onMessage(msg: Buffer, rinfo: RemoteInfo): void {
    if (this.closed) return;
    if (this.notifications.waiting && this.notifications.acknowledge(msg)) return;
    const stats = this.env.stats;
    stats.requests++;
    if (this.faults.decide() === 'ignore') {
      stats.dropped++;
      return;
    }
    let reply: Buffer | null;
    try {
      reply = this.answer(msg);
    } catch {
      reply = null; // malformed request: an agent stays silent
    }
    if (!reply) {
      stats.dropped++;
      return;
    }
    const out = this.faults.mangle(reply);
    const delay = this.faults.current.delayMs;
    if (delay > 0) {
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        this.send(out, rinfo);
      }, delay);
      this.timers.add(timer);
    } else {
      this.send(out, rinfo);
    }
  }

  private send(out: Buffer, rinfo: RemoteInfo): void {
    if (this.closed) return;
    this.env.stats.responses++;
    this.socket.send(out, rinfo.port, rinfo.address);
  }

  private answer(msg: Buffer): Buffer | null {
    if (readMessageVersion(msg) === 3) return this.answerV3(msg);
    const request = readCommunityRequest(msg);
    const store = this.communities.get(request.community);
    if (!store) return null; // wrong community: real agents stay silent
    const prefix = msg.subarray(request.prefixStart, request.prefixEnd);
    const pdu = request.pdu;
    const maxListBytes = this.maxMessageSize - replyOverhead(prefix.length, pdu.requestIdEnd - pdu.requestIdStart);
    const body = this.respondWith(store, pdu, request.version === 0, maxListBytes);
    if (!body) return null;
    return writeReply([prefix], PDU_TYPE.response, this.requestIdTlv(pdu), body);
  }

  private answerV3(msg: Buffer): Buffer | null {
    const incoming = this.usm.receive(msg, (context) => this.contexts.has(context));
    switch (incoming.kind) {
      case 'drop':
        return null;
      case 'report':
        return incoming.message;
      case 'request': {
        const { pdu, state } = incoming;
        const store = this.contexts.get(incoming.contextName) ?? this.main;
        const body = incoming.accessDenied
          ? echoReply(pdu, ERROR_STATUS.authorizationError, 0)
          : this.respondWith(store, pdu, false, this.usm.maxListBytes(state, pdu, this.maxMessageSize));
        if (!body) return null;
        const replyState: UsmRequestState = this.faults.current.wrongRequestId ? { ...state, msgId: (state.msgId + 1) | 0 } : state;
        return this.usm.wrap(replyState, PDU_TYPE.response, this.requestIdTlv(pdu), body);
      }
    }
  }

  private respondWith(store: MibStore, pdu: RequestPdu, v1: boolean, maxListBytes: number): ResponseBody | null {
    return respond(pdu, {
      store,
      v1,
      maxListBytes,
      readOnly: this.readOnly,
      dynamicValue: this.dynamicValue,
    });
  }

  /** sysUpTime counts from the recorded value, as on a device that keeps running. */
  private readonly dynamicValue = (key: OidKey): Buffer | null =>
    key === this.uptimeKey ? asBuffer(encodeInteger(BER_TAG.timeTicks, this.uptimeTicks())) : null;

  private requestIdTlv(pdu: RequestPdu): Uint8Array {
    if (this.faults.current.wrongRequestId) return encodeInteger(BER_TAG.integer, (pdu.requestId + 1) | 0);
    return pdu.buf.subarray(pdu.requestIdStart, pdu.requestIdEnd);
  }
}

/** RFC 3411 engine ID: enterprise 8072 (net-snmp), format 5 (octets), 8 bytes from the name. */
function defaultEngineId(name: string): Buffer {
  const digest = createHash('sha1').update(`printdeck-simulator:${name}`).digest();
  return Buffer.concat([Buffer.from([0x80, 0x00, 0x1f, 0x88, 0x05]), digest.subarray(0, 8)]);
}
