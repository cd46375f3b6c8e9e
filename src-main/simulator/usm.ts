import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { SnmpAuthProtocol, SnmpPrivProtocol, SnmpSecurityLevel } from '../core/snmp/snmp-client';
import { BER_TAG, BerError, BerReader, encodeBytes, encodeInteger, encodeOidArcs, oidToArcs, tlvSize, writeHeader } from '../../src-shared/snmp/ber/ber-primitives';
import type { ResponseBody } from './pdu-responder';
import { readRequestPdu, type RequestPdu } from './request-reader';
import { replyOverhead, writeReply } from './response-writer';
import { PDU_TYPE } from '../../src-shared/snmp/ber/snmp-pdu-codec';
import { asBuffer } from './buffer-view';
import { AUTH_ALGORITHMS, computeMac, decryptScopedPdu, encryptScopedPdu, type UsmKeyCache } from './usm-crypto';

/**
 * SNMPv3 message processing for one simulated engine (RFC 3412 §7.2, RFC 3414 §3.2): engine
 * discovery, user lookup, security-level checks, authentication, the time window and
 * privacy, answering every failure with the usmStats report a manager needs to tell "auth
 * failed" from "no answer". Responses are protected at the level of the request.
 */

/** A simulated SNMPv3 user; authKey/privKey are passphrases (as in SnmpV3Credentials). */
export interface SimV3User {
  name: string;
  level: SnmpSecurityLevel;
  authProtocol?: SnmpAuthProtocol;
  authKey?: string;
  privProtocol?: SnmpPrivProtocol;
  privKey?: string;
  /** 'read-only' (default): a SET answers noAccess, as Net-SNMP does for an `rouser` (RFC 3415: the empty write view is notInView). */
  access?: 'read-only' | 'read-write';
}

export const USM_STATS = {
  unsupportedSecLevels: '1.3.6.1.6.3.15.1.1.1.0',
  notInTimeWindows: '1.3.6.1.6.3.15.1.1.2.0',
  unknownUserNames: '1.3.6.1.6.3.15.1.1.3.0',
  unknownEngineIDs: '1.3.6.1.6.3.15.1.1.4.0',
  wrongDigests: '1.3.6.1.6.3.15.1.1.5.0',
  decryptionErrors: '1.3.6.1.6.3.15.1.1.6.0',
  /** SNMP-TARGET-MIB snmpUnknownContexts. */
  unknownContexts: '1.3.6.1.6.3.12.1.5.0',
} as const;
export type UsmReportReason = keyof typeof USM_STATS;

const TIME_WINDOW_SECONDS = 150;
/** msgMaxSize we announce: the largest UDP payload we accept. */
const MAX_RECEIVE_SIZE = 65507;
const FLAG_AUTH = 1;
const FLAG_PRIV = 2;
const FLAG_REPORTABLE = 4;
const LEVEL_RANK: Readonly<Record<SnmpSecurityLevel, number>> = { noAuthNoPriv: 0, authNoPriv: 1, authPriv: 2 };
const REPORT_OIDS = Object.fromEntries(
  (Object.keys(USM_STATS) as UsmReportReason[]).map((r) => [r, encodeOidArcs(oidToArcs(USM_STATS[r]))]),
) as Record<UsmReportReason, Uint8Array>;

/** Throws RangeError when a user lacks the protocol or passphrase its level needs. */
export function validateV3User(user: SimV3User): void {
  const rank = LEVEL_RANK[user.level];
  if (!user.name) throw new RangeError('SNMPv3 user needs a name');
  if (rank >= 1 && (!user.authProtocol || !user.authKey)) throw new RangeError(`SNMPv3 user "${user.name}" (${user.level}) needs authProtocol and authKey`);
  if (rank >= 2 && (!user.privProtocol || !user.privKey)) throw new RangeError(`SNMPv3 user "${user.name}" (authPriv) needs privProtocol and privKey`);
  if (user.access !== undefined && user.access !== 'read-only' && user.access !== 'read-write') {
    throw new RangeError(`SNMPv3 user "${user.name}": access must be "read-only" or "read-write", got ${JSON.stringify(user.access)}`);
  }
}

interface LocalUser {
  readonly config: SimV3User;
  readonly rank: number;
  authKey: Buffer | null;
  privKey: Buffer | null;
}

/** Security state of one accepted request: what the reply must echo and how to protect it. */
export interface UsmRequestState {
  readonly msgId: number;
  readonly rank: number;
  readonly user: LocalUser;
  readonly userName: Buffer;
  readonly contextName: Buffer;
  readonly maxMessageSize: number;
}

export type UsmIncoming =
  | { kind: 'request'; state: UsmRequestState; contextName: string; pdu: RequestPdu; accessDenied: boolean }
  | { kind: 'report'; reason: UsmReportReason; message: Buffer | null }
  | { kind: 'drop' };

export class UsmEngine {
  readonly counters: Record<UsmReportReason, number> = {
    unsupportedSecLevels: 0,
    notInTimeWindows: 0,
    unknownUserNames: 0,
    unknownEngineIDs: 0,
    wrongDigests: 0,
    decryptionErrors: 0,
    unknownContexts: 0,
  };
  private readonly users = new Map<string, LocalUser>();
  private readonly engineIdTlv: Buffer;
  private salt = randomBytes(8).readBigUInt64BE();
  private bootCount: number;

  constructor(
    readonly engineId: Buffer,
    boots: number,
    private readonly secondsSinceBoot: () => number,
    users: readonly SimV3User[],
    private readonly keys: UsmKeyCache,
  ) {
    this.bootCount = boots;
    this.engineIdTlv = asBuffer(encodeBytes(BER_TAG.octetString, engineId));
    for (const user of users) {
      validateV3User(user);
      this.users.set(user.name, { config: user, rank: LEVEL_RANK[user.level], authKey: null, privKey: null });
    }
  }

  /** snmpEngineBoots. */
  get boots(): number {
    return this.bootCount;
  }

  /** The engine restarted (a reboot): snmpEngineBoots counts up; engine time restarts with the caller's clock. */
  restart(): void {
    this.bootCount = Math.min(this.bootCount + 1, 0x7fffffff);
  }

  /** snmpEngineTime now. */
  engineTime(): number {
    return this.secondsSinceBoot();
  }

  /** Runs the security checks on an incoming v3 message; throws BerError when it is malformed. */
  receive(buf: Buffer, knownContext: (name: string) => boolean): UsmIncoming {
    const outer = new BerReader(buf).enter(BER_TAG.sequence);
    outer.integer();
    const header = outer.enter(BER_TAG.sequence);
    const msgId = header.integer();
    const maxSize = header.integer();
    header.octets();
    if (header.end - header.start !== 1) throw new BerError('msgFlags must be one byte');
    const flags = buf[header.start] as number;
    if (header.integer() !== 3) return { kind: 'drop' }; // not USM: snmpUnknownSecurityModels
    if ((flags & FLAG_PRIV) !== 0 && (flags & FLAG_AUTH) === 0) return { kind: 'drop' }; // snmpInvalidMsgs
    outer.octets();
    const sp = new BerReader(buf, outer.start, outer.end).enter(BER_TAG.sequence);
    sp.octets();
    const engineId = buf.subarray(sp.start, sp.end);
    const boots = sp.integer();
    const time = sp.integer();
    sp.octets();
    const userName = buf.subarray(sp.start, sp.end);
    sp.octets();
    const macStart = sp.start;
    const macLength = sp.end - sp.start;
    sp.octets();
    const privParams = buf.subarray(sp.start, sp.end);
    const rank = (flags & FLAG_AUTH ? 1 : 0) + (flags & FLAG_PRIV ? 1 : 0);
    const reportable = (flags & FLAG_REPORTABLE) !== 0;
    const maxMessageSize = Math.max(484, Math.min(maxSize, 65507));
    const plain = rank < 2 ? readScoped(buf, outer) : null;
    const fail = (reason: UsmReportReason, user: LocalUser | null = null): UsmIncoming => {
      this.counters[reason]++;
      const base = { msgId, userName, contextName: plain?.contextName ?? Buffer.alloc(0), maxMessageSize };
      const message = reportable ? this.report(base, reason, plain?.pdu ?? null, user) : null;
      return { kind: 'report', reason, message };
    };

    if (engineId.length === 0 || !engineId.equals(this.engineId)) return fail('unknownEngineIDs');
    const user = this.users.get(userName.toString('utf8'));
    if (!user) return fail('unknownUserNames');
    if (rank > user.rank) return fail('unsupportedSecLevels');
    if (rank >= 1) {
      const protocol = user.config.authProtocol as SnmpAuthProtocol;
      if (macLength !== AUTH_ALGORITHMS[protocol].macLength) return fail('wrongDigests');
      const expected = computeMac(protocol, this.authKey(user), buf, macStart);
      if (!timingSafeEqual(expected, buf.subarray(macStart, macStart + macLength))) return fail('wrongDigests');
      const now = this.engineTime();
      if (boots !== this.boots || Math.abs(time - now) > TIME_WINDOW_SECONDS) return fail('notInTimeWindows', user);
    }
    let scoped = plain;
    if (rank === 2) {
      outer.octets();
      try {
        const clear = decryptScopedPdu(user.config.privProtocol as SnmpPrivProtocol, this.privKey(user), boots, time, privParams, buf.subarray(outer.start, outer.end));
        scoped = readScoped(clear, new BerReader(clear));
      } catch {
        return fail('decryptionErrors');
      }
    }
    if (!scoped) throw new BerError('missing scoped PDU');
    const contextName = scoped.contextName.toString('utf8');
    const state: UsmRequestState = { msgId, rank, user, userName, contextName: scoped.contextName, maxMessageSize };
    if (!knownContext(contextName)) {
      this.counters.unknownContexts++;
      return { kind: 'report', reason: 'unknownContexts', message: reportable ? this.report(state, 'unknownContexts', scoped.pdu, rank >= 1 ? user : null) : null };
    }
    return { kind: 'request', state, contextName, pdu: scoped.pdu, accessDenied: rank < user.rank };
  }

  /** Bytes a protected reply adds around the scoped PDU (upper bound, incl. DES padding). */
  wrapOverhead(state: UsmRequestState): number {
    const mac = state.rank >= 1 ? AUTH_ALGORITHMS[state.user.config.authProtocol as SnmpAuthProtocol].macLength : 0;
    const secParams = 4 + this.engineIdTlv.length + 12 + tlvSize(state.userName.length) + 2 + mac + 10;
    return 4 + 3 + 20 + 4 + secParams + (state.rank === 2 ? 4 + 7 : 0);
  }

  /** Room left for the varbind list of a reply to `state` carrying `pdu`'s request-id. */
  maxListBytes(state: UsmRequestState, pdu: RequestPdu, limit: number): number {
    const prefix = this.engineIdTlv.length + tlvSize(state.contextName.length);
    return Math.min(limit, state.maxMessageSize) - this.wrapOverhead(state) - replyOverhead(prefix, pdu.requestIdEnd - pdu.requestIdStart);
  }

  /** The reply message for an accepted request, protected at the request's level. */
  wrap(state: UsmRequestState, pduTag: number, requestIdTlv: Uint8Array, body: ResponseBody): Buffer {
    const scoped = writeReply([this.engineIdTlv, encodeBytes(BER_TAG.octetString, state.contextName)], pduTag, requestIdTlv, body);
    return this.protect(state.msgId, state.rank, state.user, state.userName, scoped);
  }

  private report(state: Pick<UsmRequestState, 'msgId' | 'userName' | 'contextName'>, reason: UsmReportReason, pdu: RequestPdu | null, user: LocalUser | null): Buffer {
    const requestIdTlv = pdu ? pdu.buf.subarray(pdu.requestIdStart, pdu.requestIdEnd) : encodeInteger(BER_TAG.integer, 0);
    const value = encodeInteger(BER_TAG.counter32, this.counters[reason]);
    const body: ResponseBody = { errorStatus: 0, errorIndex: 0, pieces: [REPORT_OIDS[reason], value], listLength: tlvSize(REPORT_OIDS[reason].length + value.length) };
    const scoped = writeReply([this.engineIdTlv, encodeBytes(BER_TAG.octetString, state.contextName)], PDU_TYPE.report, requestIdTlv, body);
    // Reports go out unauthenticated unless the user was already authenticated (time window).
    return this.protect(state.msgId, user ? 1 : 0, user, state.userName, scoped);
  }

  private protect(msgId: number, rank: number, user: LocalUser | null, userName: Buffer, scoped: Buffer): Buffer {
    const boots = this.boots;
    const time = this.engineTime();
    let msgData: Buffer = scoped;
    let privParams: Buffer = Buffer.alloc(0);
    if (rank === 2 && user) {
      privParams = this.nextSalt(user.config.privProtocol === 'des');
      const cipher = encryptScopedPdu(user.config.privProtocol as SnmpPrivProtocol, this.privKey(user), boots, time, privParams, scoped);
      msgData = asBuffer(encodeBytes(BER_TAG.octetString, cipher));
    }
    const macLength = rank >= 1 && user ? AUTH_ALGORITHMS[user.config.authProtocol as SnmpAuthProtocol].macLength : 0;
    const flags = (rank >= 1 ? FLAG_AUTH : 0) | (rank === 2 ? FLAG_PRIV : 0);
    const header = sequence([
      encodeInteger(BER_TAG.integer, msgId),
      encodeInteger(BER_TAG.integer, MAX_RECEIVE_SIZE),
      Buffer.from([BER_TAG.octetString, 1, flags]),
      encodeInteger(BER_TAG.integer, 3),
    ]);
    const secParams = sequence([
      this.engineIdTlv,
      encodeInteger(BER_TAG.integer, boots),
      encodeInteger(BER_TAG.integer, time),
      encodeBytes(BER_TAG.octetString, userName),
      encodeBytes(BER_TAG.octetString, Buffer.alloc(macLength)),
      encodeBytes(BER_TAG.octetString, privParams),
    ]);
    const secTlv = encodeBytes(BER_TAG.octetString, secParams);
    const version = encodeInteger(BER_TAG.integer, 3);
    const message = sequence([version, header, secTlv, msgData]);
    if (macLength > 0 && user) {
      // The MAC field is the last bytes before the privacy parameters inside secParams.
      const macOffset = message.length - msgData.length - (2 + privParams.length) - macLength;
      const mac = computeMac(user.config.authProtocol as SnmpAuthProtocol, this.authKey(user), message, macOffset);
      message.set(mac, macOffset);
    }
    return message;
  }

  private nextSalt(des: boolean): Buffer {
    this.salt = (this.salt + 1n) & 0xffffffffffffffffn;
    const out = Buffer.allocUnsafe(8);
    out.writeBigUInt64BE(this.salt);
    // RFC 3414 §8.1.1.1: the DES salt starts with snmpEngineBoots.
    if (des) out.writeUInt32BE(this.boots >>> 0, 0);
    return out;
  }

  private authKey(user: LocalUser): Buffer {
    user.authKey ??= this.keys.localizedKey(user.config.authProtocol as SnmpAuthProtocol, user.config.authKey as string, this.engineId);
    return user.authKey;
  }

  private privKey(user: LocalUser): Buffer {
    const c = user.config;
    user.privKey ??= this.keys.privKey(c.privProtocol as SnmpPrivProtocol, c.authProtocol as SnmpAuthProtocol, c.privKey as string, this.engineId);
    return user.privKey;
  }
}

function readScoped(buf: Uint8Array, reader: BerReader): { contextName: Buffer; pdu: RequestPdu } {
  const scoped = reader.enter(BER_TAG.sequence);
  scoped.octets();
  scoped.octets();
  const contextName = Buffer.from(buf.subarray(scoped.start, scoped.end));
  return { contextName, pdu: readRequestPdu(scoped) };
}

function sequence(parts: readonly Uint8Array[]): Buffer {
  let length = 0;
  for (const p of parts) length += p.length;
  const out = Buffer.allocUnsafe(tlvSize(length));
  let at = writeHeader(out, 0, BER_TAG.sequence, length);
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
