import { BER_TAG, oidToArcs } from '../../src-shared/snmp/ber/ber-primitives';
import { ipToBytes } from '../../src-shared/snmp/ber/ber-value-codec';
import { ERROR_STATUS } from '../../src-shared/snmp/ber/snmp-pdu-codec';
import type { MibCompiler, MibStore, OidKey } from './mib-store';
import type { AcceptedWrite, SetHandler, SetRefusal } from './set-responder';
import { integerOf, ipv4Of, type WriteRules } from './write-rules';

/**
 * What a SET does to one simulated device beyond storing values: prtGeneralReset reboots it,
 * writing the address object (with its method, where the vendor needs that) moves it, and a
 * factory reset restores what SETs changed. The device carries the effects out after it has
 * sent the SET's reply, as a real agent answers before it restarts.
 */

/** How a vendor profile changes the device's IPv4 address over SNMP. */
export interface SimAddressChange {
  /** Instance OID of the address (JetDirect npCfgYiaddr.0, Brother brpsIPAddress.0); must be writable as IpAddress or Ipv4OctetString. It reads the address the device listens on. */
  addressOid: string;
  /** Instance OID of how the address is obtained (npCfgSource.0, brpsTCPIPMethod.0), if the device has one. */
  methodOid?: string;
  /** The method value meaning a fixed address (JetDirect manual(3), Brother STATIC(2)); an address write is refused (inconsistentValue) unless the method has it after the SET. */
  staticMethod?: number;
  /** The method must travel in the same SET as the address (JetDirect); writing the fixed method without an address is refused too. */
  methodInSamePdu?: boolean;
  /** When the device moves: at its next reboot ('reboot', default) or this many milliseconds after the SET's reply. */
  applyAfter?: 'reboot' | number;
}

/** Printer-MIB prtGeneralReset (RFC 3805): 3 notResetting, 4 powerCycleReset, 5 resetToNVRAM, 6 resetToFactoryDefaults. */
export const PRT_GENERAL_RESET = '1.3.6.1.2.1.43.5.1.1.3';
const RESET_PREFIX = `${PRT_GENERAL_RESET}.`;

export interface SetEffects {
  /** prtGeneralReset value written (4, 5 or 6), or null. */
  reset: number | null;
  /** The address written to the address object, or null. */
  address: string | null;
}

interface AddressRule {
  readonly addressOid: string;
  readonly methodOid: string | null;
  readonly staticMethod: number | null;
  readonly sameSet: boolean;
  readonly applyAfter: 'reboot' | number;
}

/** Throws RangeError (naming `where`) for an addressChange that the writable list cannot carry. */
export function compileAddressChange(change: SimAddressChange | undefined, rules: WriteRules, where: string): AddressRule | null {
  if (change === undefined) return null;
  const oid = (text: unknown, name: string): string => {
    if (typeof text !== 'string' || !/^\.?\d+(\.\d+)+$/.test(text)) throw new RangeError(`${where}: addressChange.${name} must be a numeric OID, got ${JSON.stringify(text)}`);
    return oidToArcs(text).join('.');
  };
  const addressOid = oid(change.addressOid, 'addressOid');
  const probe = rules.ruleFor(addressOid, Uint8Array.of(BER_TAG.ipAddress, 4, 0, 0, 0, 0));
  if (!probe?.ipv4) throw new RangeError(`${where}: addressChange.addressOid ${addressOid} must be in the writable list as IpAddress or Ipv4OctetString`);
  const methodOid = change.methodOid === undefined ? null : oid(change.methodOid, 'methodOid');
  if (methodOid !== null && !(Number.isInteger(change.staticMethod) && rules.ruleFor(methodOid, Uint8Array.of(BER_TAG.integer, 1, 0))?.tag === BER_TAG.integer)) {
    throw new RangeError(`${where}: addressChange.methodOid ${methodOid} must be a writable Integer and staticMethod a whole number`);
  }
  const applyAfter = change.applyAfter ?? 'reboot';
  if (applyAfter !== 'reboot' && !(typeof applyAfter === 'number' && Number.isFinite(applyAfter) && applyAfter >= 0 && applyAfter <= 600_000)) {
    throw new RangeError(`${where}: addressChange.applyAfter must be "reboot" or 0..600000 ms, got ${JSON.stringify(applyAfter)}`);
  }
  return { addressOid, methodOid, staticMethod: methodOid === null ? null : (change.staticMethod ?? null), sameSet: change.methodInSamePdu ?? false, applyAfter };
}

export class DeviceSettings implements SetHandler {
  /** The value each object had before its first SET: what a factory reset restores. */
  private readonly originals = new Map<OidKey, Buffer>();
  private effects: SetEffects | null = null;

  constructor(
    readonly rules: WriteRules,
    private readonly main: MibStore,
    private readonly compiler: MibCompiler,
    private readonly address: AddressRule | null,
    /** Why the device cannot take `ip` (an error status), or null when it can. */
    private readonly addressProblem: (ip: string) => number | null,
  ) {}

  /** When an address write takes effect ('reboot' or milliseconds), or null without an address object. */
  get addressApplyAfter(): 'reboot' | number | null {
    return this.address?.applyAfter ?? null;
  }

  checkTogether(store: MibStore, writes: readonly AcceptedWrite[]): SetRefusal | null {
    const rule = this.address;
    if (store !== this.main || rule === null) return null;
    const addressWrite = writes.findLast((w) => w.key.oid === rule.addressOid);
    const methodWrite = rule.methodOid === null ? undefined : writes.findLast((w) => w.key.oid === rule.methodOid);
    if (rule.sameSet && methodWrite && !addressWrite && integerOf(methodWrite.tlv) === rule.staticMethod) {
      return { status: ERROR_STATUS.inconsistentValue, index: methodWrite.index };
    }
    if (!addressWrite) return null;
    const ip = ipv4Of(addressWrite.tlv);
    if (ip === null) return { status: ERROR_STATUS.wrongValue, index: addressWrite.index };
    if (rule.methodOid !== null) {
      const method = methodWrite ? integerOf(methodWrite.tlv) : rule.sameSet ? null : this.storedInteger(rule.methodOid);
      if (method !== rule.staticMethod) return { status: ERROR_STATUS.inconsistentValue, index: addressWrite.index };
    }
    const problem = this.addressProblem(ip);
    return problem === null ? null : { status: problem, index: addressWrite.index };
  }

  commit(store: MibStore, writes: readonly AcceptedWrite[]): void {
    const main = store === this.main;
    for (const w of writes) {
      if (main && w.key.oid.startsWith(RESET_PREFIX)) {
        // Always reads back notResetting(3): the request is an action, not a value.
        const value = integerOf(w.tlv);
        if (value !== null && value >= 4 && value <= 6) this.effect().reset = value;
        continue;
      }
      if (main && !this.originals.has(w.key)) {
        const i = store.find(w.key.arcs);
        if (i >= 0) this.originals.set(w.key, store.valueAt(i));
      }
      store.setEncoded(w.key, Buffer.from(w.tlv));
      if (main && w.key.oid === this.address?.addressOid) this.effect().address = ipv4Of(w.tlv);
    }
  }

  /** The effects of the SET just committed (once), or null when it had none. */
  takeEffects(): SetEffects | null {
    const effects = this.effects;
    this.effects = null;
    return effects;
  }

  /** Restores every object a SET changed to its recorded value. */
  factoryReset(): void {
    for (const [key, tlv] of this.originals) this.main.setEncoded(key, tlv);
    this.originals.clear();
  }

  /** Makes the address object read `address` (IPv4 only), keeping the object's type. */
  syncAddressObject(address: string): void {
    const rule = this.address;
    if (rule === null || !/^\d+\.\d+\.\d+\.\d+$/.test(address)) return;
    const key = this.compiler.key(rule.addressOid);
    const i = this.main.find(key.arcs);
    const tag = i >= 0 && this.main.valueAt(i)[0] === BER_TAG.octetString ? BER_TAG.octetString : BER_TAG.ipAddress;
    this.main.setEncoded(key, Buffer.from([tag, 4, ...ipToBytes(address)]));
  }

  private storedInteger(oid: string): number | null {
    const i = this.main.find(oidToArcs(oid));
    return i < 0 ? null : integerOf(this.main.valueAt(i));
  }

  private effect(): SetEffects {
    this.effects ??= { reset: null, address: null };
    return this.effects;
  }
}
