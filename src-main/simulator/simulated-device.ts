import type { RemoteInfo, Socket } from 'node:dgram';
import { isIP } from 'node:net';
import type { PrinterCondition } from '../../src-shared/domain/device-reading';
import type { SnmpValue } from '../../src-shared/snmp/snmp-value';
import { BER_TAG, encodeInteger } from '../../src-shared/snmp/ber/ber-primitives';
import { asBuffer } from './buffer-view';
import { compileAddressChange, DeviceSettings } from './device-settings';
import { bindDeviceSocket, closeDeviceSocket, createDeviceSocket } from './device-socket';
import { FaultInjector, hashString, type SimFaults } from './fault-injector';
import type { MibStore, OidKey } from './mib-store';
import { checkRebootMs, compiledRules, defaultEngineId, DEFAULT_WRITE_COMMUNITIES, placeKey, type DeviceEnvironment } from './device-environment';
import { echoReply, respond, type ResponseBody } from './pdu-responder';
import { applyErrorState, clearAlertRows, nextAlertIndex, PRINTER_OIDS, writeAlertRow, type SimAlert } from './printer-state-editor';
import { readCommunityRequest, readMessageVersion, type RequestPdu } from './request-reader';
import { replyOverhead, writeReply } from './response-writer';
import { ERROR_STATUS, PDU_TYPE } from '../../src-shared/snmp/ber/snmp-pdu-codec';
import { isLoopback, NotificationSender } from './notification-sender';
import type { SimulatedDeviceHandle, SimulatedDeviceSpec, SimTrapOptions } from './simulator-types';
import type { SimAddressBookHandle } from './udirectory/address-book-options';
import { UsmEngine, type UsmRequestState } from './usm';
import { WriteRules } from './write-rules';

const MIN_MESSAGE_SIZE = 484;

interface CommunityAccess {
  readonly store: MibStore;
  /** A write community: SET allowed (else noAccess). */
  readonly write: boolean;
}

/**
 * One simulated agent: its own UDP socket on its own address (so replies come from the
 * address the manager asked), its MIB per context, its USM engine and its faults; SETs as
 * its write communities, users and writable list allow (device-settings.ts), with the reboots
 * and address moves they ask for carried out once the reply is sent.
 */
export class SimulatedDevice implements SimulatedDeviceHandle {
  readonly name: string;
  readonly engineId: string;
  private socket: Socket;
  private currentAddress: string;
  private boundPort = 0;
  private readonly main: MibStore;
  private readonly contexts = new Map<string, MibStore>();
  private readonly communities = new Map<string, CommunityAccess>();
  private readonly usm: UsmEngine;
  private readonly faults: FaultInjector;
  private readonly maxMessageSize: number;
  private readonly settings: DeviceSettings;
  private readonly rebootMs: number;
  private readonly reuseAddr: boolean;
  private readonly uptimeKey: OidKey;
  private uptimeBase = 0;
  private uptimeSince: number;
  private engineSince: number;
  private alertIndex: number;
  private readonly notifications: NotificationSender;
  private readonly timers = new Set<NodeJS.Timeout>();
  private rebootingNow = false;
  /** Where an address write will move the device (at the next reboot or when moveTimer fires). */
  private pendingAddress: string | null = null;
  private moveTimer: NodeJS.Timeout | null = null;
  private closed = false;
  /** Set by the simulator when the device serves an address book (its servers are the simulator's to close). */
  addressBook: SimAddressBookHandle | null = null;

  constructor(
    spec: SimulatedDeviceSpec,
    address: string,
    private readonly requestedPort: number,
    private readonly env: DeviceEnvironment,
  ) {
    this.name = spec.name;
    this.currentAddress = address;
    this.main = env.compiler.compile(spec.varbinds);
    this.contexts.set('', this.main);
    for (const [context, varbinds] of Object.entries(spec.contexts ?? {})) {
      if (context !== '') this.contexts.set(context, env.compiler.compile(varbinds));
    }
    const addCommunity = (community: string, write: boolean): void => {
      for (const [context, store] of this.contexts) this.communities.set(context === '' ? community : `${community}@${context}`, { store, write });
    };
    for (const community of spec.communities ?? ['public', spec.name]) addCommunity(community, false);
    for (const community of spec.writeCommunities ?? DEFAULT_WRITE_COMMUNITIES) addCommunity(community, true);
    const engineId = spec.engineId ? Buffer.from(spec.engineId, 'hex') : defaultEngineId(spec.name);
    if (engineId.length < 5 || engineId.length > 32) throw new RangeError(`${spec.name}: engineId must be 5..32 bytes of hex`);
    this.engineId = engineId.toString('hex');
    this.uptimeSince = env.now();
    this.engineSince = this.uptimeSince;
    this.usm = new UsmEngine(engineId, spec.engineBoots ?? 1, () => Math.floor((env.now() - this.engineSince) / 1000), spec.v3Users ?? env.defaultV3Users ?? [], env.keys);
    const seed = (env.seed ^ hashString(spec.name)) >>> 0;
    this.faults = new FaultInjector(seed, spec.faults ?? {});
    this.maxMessageSize = Math.max(MIN_MESSAGE_SIZE, spec.maxMessageSize ?? env.maxMessageSize);
    this.rebootMs = checkRebootMs(spec.rebootMs ?? env.rebootMs, spec.name);
    const rules = spec.readOnly ? WriteRules.none : compiledRules(spec, env);
    const addressRule = compileAddressChange(spec.addressChange, rules, spec.name);
    this.settings = new DeviceSettings(rules, this.main, env.compiler, addressRule, (ip) => this.addressProblem(ip));
    this.settings.syncAddressObject(address);
    this.uptimeKey = env.compiler.key(PRINTER_OIDS.sysUpTime);
    const uptime = this.main.get(PRINTER_OIDS.sysUpTime);
    if (uptime?.type === 'TimeTicks') this.uptimeBase = uptime.value;
    this.alertIndex = nextAlertIndex(this.main);
    this.reuseAddr = requestedPort !== 0 && requestedPort === env.sharedPort;
    this.socket = this.newSocket(address);
    this.notifications = new NotificationSender(() => this.socket, spec.name, seed, env.allowNonLoopback);
  }

  get address(): string {
    return this.currentAddress;
  }

  get port(): number {
    return this.boundPort;
  }

  get rebooting(): boolean {
    return this.rebootingNow;
  }

  /** Binds the socket; rejects with the system error (EADDRINUSE …) naming the address. */
  async bind(): Promise<void> {
    this.boundPort = await bindDeviceSocket(this.socket, this.requestedPort, this.currentAddress, this.name);
    this.env.places.set(placeKey(this.currentAddress, this.boundPort), this);
  }

  /** Stops answering and releases the socket; pending informs are abandoned. */
  close(): Promise<void> {
    if (this.closed) return Promise.resolve();
    this.closed = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    this.clearMoveTimer();
    this.notifications.cancelAll();
    if (this.env.places.get(placeKey(this.currentAddress, this.boundPort)) === this) this.env.places.delete(placeKey(this.currentAddress, this.boundPort));
    return closeDeviceSocket(this.socket);
  }

  reboot(options: { silentMs?: number; factoryReset?: boolean } = {}): void {
    if (this.closed || this.rebootingNow) return;
    const silentMs = checkRebootMs(options.silentMs ?? this.rebootMs, this.name);
    this.rebootingNow = true;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      void this.comeBack(options.factoryReset ?? false);
    }, silentMs);
    this.timers.add(timer);
  }

  async moveTo(address: string): Promise<void> {
    if (isIP(address) === 0) throw new RangeError(`${this.name}: "${address}" is not an IP address`);
    if (!this.env.allowNonLoopback && !isLoopback(address)) throw new RangeError(`${this.name}: ${address} is not a loopback address`);
    if (address === this.currentAddress) return;
    const holder = this.env.places.get(placeKey(address, this.boundPort));
    if (holder && holder !== this) throw new RangeError(`${this.name}: ${address}:${this.boundPort} is held by ${holder.name}`);
    this.clearMoveTimer();
    this.pendingAddress = null;
    await this.relocate(address);
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
    if (this.rebootingNow || this.faults.decide() === 'ignore') {
      stats.dropped++;
      return;
    }
    let reply: Buffer | null;
    try {
      reply = this.answer(msg);
    } catch {
      reply = null; // malformed request: an agent stays silent
    }
    const effects = this.settings.takeEffects();
    if (!reply) {
      stats.dropped++;
      return;
    }
    this.reply(reply, rinfo);
    // A reboot or move a SET asked for starts once its reply is on its way.
    if (effects === null) return;
    if (effects.address !== null) this.stageMove(effects.address);
    if (effects.reset !== null) this.reboot({ factoryReset: effects.reset === 6 });
  }

  private reply(reply: Buffer, rinfo: RemoteInfo): void {
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
    const access = this.communities.get(request.community);
    if (!access) return null; // wrong community: real agents stay silent
    const prefix = msg.subarray(request.prefixStart, request.prefixEnd);
    const pdu = request.pdu;
    const maxListBytes = this.maxMessageSize - replyOverhead(prefix.length, pdu.requestIdEnd - pdu.requestIdStart);
    const body = this.respondWith(access.store, pdu, request.version === 0, maxListBytes, access.write);
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
          : this.respondWith(store, pdu, false, this.usm.maxListBytes(state, pdu, this.maxMessageSize), state.user.config.access === 'read-write');
        if (!body) return null;
        const replyState: UsmRequestState = this.faults.current.wrongRequestId ? { ...state, msgId: (state.msgId + 1) | 0 } : state;
        return this.usm.wrap(replyState, PDU_TYPE.response, this.requestIdTlv(pdu), body);
      }
    }
  }

  private respondWith(store: MibStore, pdu: RequestPdu, v1: boolean, maxListBytes: number, canWrite: boolean): ResponseBody | null {
    return respond(pdu, {
      store,
      v1,
      maxListBytes,
      canWrite,
      setHandler: this.settings,
      dynamicValue: this.dynamicValue,
    });
  }

  private newSocket(address: string): Socket {
    const socket = createDeviceSocket(address, this.reuseAddr);
    socket.on('message', (msg, rinfo) => this.onMessage(msg, rinfo));
    return socket;
  }

  /** Why this device cannot take `ip` as its address (v2c error status), or null. */
  private addressProblem(ip: string): number | null {
    const [a = 0, , , d = 0] = ip.split('.').map(Number);
    if (a === 0 || a >= 224 || d === 0 || d === 255) return ERROR_STATUS.wrongValue;
    if (!this.env.allowNonLoopback && !isLoopback(ip)) return ERROR_STATUS.wrongValue;
    const holder = this.env.places.get(placeKey(ip, this.boundPort));
    return holder && holder !== this ? ERROR_STATUS.inconsistentValue : null;
  }

  /** An address write: move now-ish (applyAfter ms) or at the next reboot. */
  private stageMove(address: string): void {
    this.clearMoveTimer();
    this.pendingAddress = address === this.currentAddress ? null : address;
    const after = this.settings.addressApplyAfter;
    if (this.pendingAddress === null || after === null || after === 'reboot') return;
    this.moveTimer = setTimeout(() => {
      this.moveTimer = null;
      const target = this.pendingAddress;
      // A reboot under way applies it when the device comes back.
      if (target === null || this.rebootingNow) return;
      this.pendingAddress = null;
      this.relocate(target).catch(() => undefined); // address taken meanwhile: the device stays
    }, after);
  }

  private clearMoveTimer(): void {
    if (this.moveTimer) clearTimeout(this.moveTimer);
    this.moveTimer = null;
  }

  /** The end of a reboot: NVRAM (or factory) values, a pending address, uptime and engine time from 0. */
  private async comeBack(factoryReset: boolean): Promise<void> {
    if (factoryReset) {
      this.settings.factoryReset();
      this.pendingAddress = null;
      this.settings.syncAddressObject(this.currentAddress);
    }
    this.clearMoveTimer();
    const target = this.pendingAddress;
    this.pendingAddress = null;
    if (target !== null && target !== this.currentAddress) await this.relocate(target).catch(() => undefined);
    if (this.closed) return;
    this.uptimeBase = 0;
    this.uptimeSince = this.env.now();
    this.engineSince = this.uptimeSince;
    this.usm.restart();
    this.rebootingNow = false;
  }

  /** Rebinds on `address` (same port) and releases the old socket; rejects with the bind error, leaving the device where it was. */
  private async relocate(address: string): Promise<void> {
    const socket = this.newSocket(address);
    try {
      await bindDeviceSocket(socket, this.boundPort, address, this.name);
    } catch (error) {
      await closeDeviceSocket(socket);
      throw error;
    }
    if (this.closed) {
      await closeDeviceSocket(socket);
      return;
    }
    const old = this.socket;
    const oldKey = placeKey(this.currentAddress, this.boundPort);
    if (this.env.places.get(oldKey) === this) this.env.places.delete(oldKey);
    this.env.places.set(placeKey(address, this.boundPort), this);
    this.socket = socket;
    this.currentAddress = address;
    this.settings.syncAddressObject(address);
    this.env.moved();
    await closeDeviceSocket(old);
  }

  /** sysUpTime counts from the recorded value, as on a device that keeps running. */
  private readonly dynamicValue = (key: OidKey): Buffer | null =>
    key === this.uptimeKey ? asBuffer(encodeInteger(BER_TAG.timeTicks, this.uptimeTicks())) : null;

  private requestIdTlv(pdu: RequestPdu): Uint8Array {
    if (this.faults.current.wrongRequestId) return encodeInteger(BER_TAG.integer, (pdu.requestId + 1) | 0);
    return pdu.buf.subarray(pdu.requestIdStart, pdu.requestIdEnd);
  }
}
