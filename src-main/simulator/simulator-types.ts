import type { PrinterCondition } from '../../src-shared/domain/device-reading';
import type { SnmpValue, VarBind } from '../../src-shared/snmp/snmp-value';
import type { BroadcastListenerOptions } from './broadcast-responder';
import type { SimAddressChange } from './device-settings';
import type { SimFaults } from './fault-injector';
import type { SimAlert } from './printer-state-editor';
import type { SimAddressBookHandle, SimAddressBookOptions } from './udirectory/address-book-options';
import type { SimV3User } from './usm';
import type { SimWritableSpec } from './write-rules';

/** The simulator's public shapes (re-exported by simulator.ts, which others import). */

export interface SimulatedDeviceSpec {
  /** Unique; also a community the device answers unless `communities` says otherwise. */
  name: string;
  varbinds: VarBind[];
  /** Own loopback address (default: allocated from the simulator's base address). */
  address?: string;
  /** Own UDP port (default: the simulator's port; 0 lets the system pick one). */
  port?: number;
  /** v1/v2c read communities (default ["public", name]); a SET with one answers noAccess. `c@context` reaches a context. */
  communities?: string[];
  /** v1/v2c communities that may also SET (default ["private"]; they read too). */
  writeCommunities?: string[];
  /** Objects that accept SETs and their constraints (default: none, every SET notWritable); 'any': every existing object, same type (the old behaviour). */
  writable?: SimWritableSpec;
  /** How a SET of the address object moves the device (vendor profiles: JetDirect, Brother). */
  addressChange?: SimAddressChange;
  /** How long a reboot (prtGeneralReset 4/5/6, or reboot()) keeps the device silent (default: the simulator's rebootMs, 3000). */
  rebootMs?: number;
  /** SNMPv3 users (default: the simulator's v3Users, else none); each read-only unless `access: 'read-write'`. */
  v3Users?: SimV3User[];
  /** Data of SNMP contexts by name (v3 contextName; v1/v2c community `c@name`). */
  contexts?: Record<string, VarBind[]>;
  /** Faults active from the start (e.g. a silent device in a demo fleet). */
  faults?: Partial<SimFaults>;
  /** Refuse every SET with notWritable, whatever `writable` says. */
  readOnly?: boolean;
  /** Largest reply in bytes (default: the simulator's, 1472). */
  maxMessageSize?: number;
  /** snmpEngineID as hex (default: derived from the name). */
  engineId?: string;
  /** snmpEngineBoots (default 1). */
  engineBoots?: number;
  /** An address book served by the Ricoh udirectory SOAP service when the simulator has web ports (udirectory/README.md). */
  addressBook?: SimAddressBookOptions;
}

export interface SimulatorOptions {
  devices: SimulatedDeviceSpec[];
  /** First address handed out (default 127.20.0.1); .0 and .255 host parts are skipped. */
  baseAddress?: string;
  /** UDP port of every device (default 1161, an unprivileged stand-in for 161; 0: system-chosen). */
  port?: number;
  /** One address per device (default), or all on `baseAddress` with consecutive ports from `port`. */
  layout?: 'address-per-device' | 'port-per-device';
  /** Seed of every random choice (fault drops, garbage bytes); default 1. */
  seed?: number;
  /** SNMPv3 users of devices that have none of their own. */
  v3Users?: SimV3User[];
  /** Largest reply in bytes (default 1472: one Ethernet frame). For v3 the request's msgMaxSize may lower it. */
  maxMessageSize?: number;
  /** Allow binding to, and sending traps to, addresses outside loopback (default false). */
  allowNonLoopback?: boolean;
  /** Answer SNMP sent to 127.255.255.255:<port>: each device on that port replies from its own address (broadcast-responder.ts). */
  broadcastListener?: BroadcastListenerOptions;
  /** Silence of a rebooting device in ms, for devices without their own (default 3000). */
  rebootMs?: number;
  /** TCP port of the web services (udirectory) of devices with an address book, over HTTP (0: system-chosen; default: none). */
  webPort?: number;
  /** The same over HTTPS with a self-signed certificate (0: system-chosen; default: none). */
  webTlsPort?: number;
}

export interface SimulatorStats {
  /** Datagrams received. */
  requests: number;
  /** Datagrams sent (replies and reports). */
  responses: number;
  /** Requests left unanswered: faults, wrong community, malformed input. */
  dropped: number;
}

export interface SimulatedDeviceInfo {
  name: string;
  address: string;
  port: number;
  /** HTTP port of the device's web services (address book), when it serves them. */
  webPort?: number;
  /** HTTPS port of the same, when served. */
  webTlsPort?: number;
}

export interface SimTrapOptions {
  /** Receiver address (loopback unless allowNonLoopback). */
  host: string;
  /** Receiver port (default 162). */
  port?: number;
  community?: string;
  /** snmpTrapOID.0. */
  trapOid: string;
  varbinds?: VarBind[];
  /** Send an InformRequest and wait for its Response. */
  inform?: boolean;
  /** How long to wait for an inform's acknowledgement (default 2000 ms). */
  timeoutMs?: number;
}

export interface SimulatedDeviceHandle {
  readonly name: string;
  readonly address: string;
  readonly port: number;
  /** snmpEngineID as hex. */
  readonly engineId: string;
  /** Current value of `oid` in the default context, or undefined. */
  getValue(oid: string): SnmpValue | undefined;
  /** Adds or replaces a value; throws RangeError for a bad OID or value. */
  setValue(oid: string, value: SnmpValue): void;
  /** Removes a value if present. */
  removeValue(oid: string): void;
  /** hrPrinterDetectedErrorState of the printer row, with hrDeviceStatus/hrPrinterStatus to match. */
  setErrorState(conditions: PrinterCondition[]): void;
  /** Adds a prtAlertTable row (index <printer device>.<n>); returns n. */
  addAlert(alert: SimAlert): number;
  clearAlerts(): void;
  /** prtMarkerSuppliesLevel.<index> (index like "1.2"). */
  setSupplyLevel(index: string, level: number): void;
  /** Sets a counter keeping its type (Counter32 by default; Counter64 stays Counter64). */
  setCounter(oid: string, value: number): void;
  setFaults(faults: Partial<SimFaults>): void;
  /**
   * Reboots as prtGeneralReset does: silent for `silentMs` (default the device's rebootMs), then
   * back with sysUpTime from 0, snmpEngineBoots + 1 and a pending address change applied;
   * `factoryReset` also restores every value a SET changed. Ignored while already rebooting.
   */
  reboot(options?: { silentMs?: number; factoryReset?: boolean }): void;
  /** True from a reboot's start until the device answers again. */
  readonly rebooting: boolean;
  /**
   * Moves the device to `address` now (same port): its socket rebinds there and the old address
   * goes silent. Rejects with RangeError for a non-loopback address (unless allowNonLoopback) or
   * one another simulated device holds on this port, and with the bind error otherwise (the
   * device then stays where it was).
   */
  moveTo(address: string): Promise<void>;
  /** Sends an SNMPv2-Trap (or InformRequest) from the device's own address; rejects on timeout. */
  sendTrap(options: SimTrapOptions): Promise<void>;
  /** The device's address book and its udirectory service, or null (no `addressBook`, or no web ports). */
  readonly addressBook: SimAddressBookHandle | null;
}

export interface Simulator {
  /** Where each device listens now (a device that moved shows its new address). */
  readonly devices: ReadonlyArray<SimulatedDeviceInfo>;
  /** The device called `name`; throws RangeError when there is none. */
  device(name: string): SimulatedDeviceHandle;
  stats(): SimulatorStats;
  close(): Promise<void>;
}
