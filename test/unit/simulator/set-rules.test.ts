import { describe, expect, it } from 'vitest';
import { compileAddressChange, DeviceSettings, type SimAddressChange } from '../../../src-main/simulator/device-settings';
import { DeviceOptionsError, parseDeviceOptions } from '../../../src-main/simulator/device-options';
import { MibCompiler, type MibStore } from '../../../src-main/simulator/mib-store';
import { respond } from '../../../src-main/simulator/pdu-responder';
import { readCommunityRequest } from '../../../src-main/simulator/request-reader';
import { replyOverhead, writeReply } from '../../../src-main/simulator/response-writer';
import { storingSetHandler, type SetHandler } from '../../../src-main/simulator/set-responder';
import { validateV3User } from '../../../src-main/simulator/usm';
import { checkValue, v1ErrorStatus, WriteRules, type SimWritable } from '../../../src-main/simulator/write-rules';
import { decodeCommunityMessage, encodeCommunityMessage, ERROR_STATUS, PDU_TYPE, type Pdu } from '../../../src-shared/snmp/ber/snmp-pdu-codec';
import type { SnmpValue, VarBind } from '../../../src-shared/snmp/snmp-value';

const int = (value: number): SnmpValue => ({ type: 'Integer', value });
const text = (s: string): SnmpValue => ({ type: 'OctetString', value: new Uint8Array(Buffer.from(s)) });
const ip = (value: string): SnmpValue => ({ type: 'IpAddress', value });
const octets = (...bytes: number[]): SnmpValue => ({ type: 'OctetString', value: Uint8Array.from(bytes) });

const SYS_NAME = '1.3.6.1.2.1.1.5.0';
const SYS_LOCATION = '1.3.6.1.2.1.1.6.0';
const SYS_DESCR = '1.3.6.1.2.1.1.1.0';
const OPERATOR = '1.3.6.1.2.1.43.5.1.1.4.1';
const RESET = '1.3.6.1.2.1.43.5.1.1.3.1';
const CHANNEL_STATE = '1.3.6.1.2.1.43.14.1.1.6.1.1';
const DNS = '1.3.6.1.4.1.2435.2.4.3.99.1.7.0';
const OCTET_ADDRESS = '1.3.6.1.4.1.99999.1.1.0';
const METHOD = '1.3.6.1.4.1.11.2.4.3.5.1.0';
const ADDRESS = '1.3.6.1.4.1.11.2.4.3.5.2.0';

const MIB: VarBind[] = [
  { oid: SYS_DESCR, value: text('Test printer') },
  { oid: SYS_NAME, value: text('printer-1') },
  { oid: SYS_LOCATION, value: text('Lab') },
  { oid: RESET, value: int(3) },
  { oid: OPERATOR, value: text('') },
  { oid: CHANNEL_STATE, value: int(3) },
  { oid: METHOD, value: int(5) },
  { oid: ADDRESS, value: ip('192.168.1.20') },
  { oid: DNS, value: ip('192.168.1.1') },
  { oid: OCTET_ADDRESS, value: octets(10, 0, 0, 1) },
];

const WRITABLE: SimWritable[] = [
  { oid: SYS_NAME, type: 'OctetString' },
  { oid: SYS_LOCATION, type: 'OctetString', minLength: 1, maxLength: 255 },
  { oid: OPERATOR, type: 'OctetString', maxLength: 127 },
  { oid: RESET, type: 'Integer', values: [3, 4, 5, 6] },
  { oid: CHANNEL_STATE, type: 'Integer', values: [3, 4] },
  { oid: METHOD, type: 'Integer', values: [3, 4, 5] },
  { oid: ADDRESS, type: 'IpAddress' },
  { oid: DNS, type: 'IpAddress' },
  { oid: OCTET_ADDRESS, type: 'Ipv4OctetString' },
];
const RULES = WriteRules.compile(WRITABLE, 'test');

interface Ask {
  v1?: boolean;
  canWrite?: boolean;
  handler?: SetHandler;
}

/** One SetRequest through decode → respond → encode → decode, as the agent does. */
function set(store: MibStore, varbinds: VarBind[], o: Ask = {}): Pdu {
  const wire = encodeCommunityMessage({ version: o.v1 ? 'v1' : 'v2c', community: 'private', pdu: { type: 'setRequest', requestId: 9, errorStatus: 0, errorIndex: 0, varbinds } });
  const request = readCommunityRequest(wire);
  const prefix = wire.subarray(request.prefixStart, request.prefixEnd);
  const pdu = request.pdu;
  const body = respond(pdu, {
    store,
    v1: o.v1 ?? false,
    maxListBytes: 1472 - replyOverhead(prefix.length, pdu.requestIdEnd - pdu.requestIdStart),
    canWrite: o.canWrite ?? true,
    setHandler: o.handler ?? storingSetHandler(RULES),
    dynamicValue: () => null,
  });
  if (!body) throw new Error('no reply');
  const reply = decodeCommunityMessage(writeReply([prefix], PDU_TYPE.response, pdu.buf.subarray(pdu.requestIdStart, pdu.requestIdEnd), body)).pdu;
  // Whatever the outcome, the reply echoes the request's varbinds (RFC 3416 §4.2.5).
  expect(reply.varbinds).toEqual(varbinds);
  return reply;
}

const fresh = (): MibStore => new MibCompiler().compile(MIB);
const outcome = (pdu: Pdu): [number, number] => [pdu.errorStatus, pdu.errorIndex];

describe('SET rules per object', () => {
  it('accepts a listed object within its constraints and keeps the value', () => {
    const store = fresh();
    expect(outcome(set(store, [{ oid: SYS_NAME, value: text('renamed') }, { oid: CHANNEL_STATE, value: int(4) }, { oid: DNS, value: ip('10.1.2.3') }]))).toEqual([0, 0]);
    expect(store.get(SYS_NAME)).toEqual(text('renamed'));
    expect(store.get(CHANNEL_STATE)).toEqual(int(4));
    expect(store.get(DNS)).toEqual(ip('10.1.2.3'));
  });

  it('answers notWritable for an existing object that is not listed, noCreation for a missing instance, notWritable outside every object', () => {
    expect(outcome(set(fresh(), [{ oid: SYS_DESCR, value: text('x') }]))).toEqual([ERROR_STATUS.notWritable, 1]);
    expect(outcome(set(fresh(), [{ oid: '1.3.6.1.2.1.1.5.1', value: text('x') }]))).toEqual([ERROR_STATUS.noCreation, 1]);
    expect(outcome(set(fresh(), [{ oid: '1.3.6.1.4.1.424242.1.0', value: int(1) }]))).toEqual([ERROR_STATUS.notWritable, 1]);
  });

  it('answers wrongType, wrongLength and wrongValue, pointing at the varbind', () => {
    expect(outcome(set(fresh(), [{ oid: SYS_NAME, value: text('ok') }, { oid: SYS_NAME, value: int(1) }]))).toEqual([ERROR_STATUS.wrongType, 2]);
    expect(outcome(set(fresh(), [{ oid: SYS_NAME, value: text('x'.repeat(256)) }]))).toEqual([ERROR_STATUS.wrongLength, 1]);
    expect(outcome(set(fresh(), [{ oid: SYS_NAME, value: text('x'.repeat(255)) }]))).toEqual([0, 0]);
    expect(outcome(set(fresh(), [{ oid: OPERATOR, value: text('x'.repeat(128)) }]))).toEqual([ERROR_STATUS.wrongLength, 1]);
    expect(outcome(set(fresh(), [{ oid: OPERATOR, value: text('x'.repeat(127)) }]))).toEqual([0, 0]);
    expect(outcome(set(fresh(), [{ oid: SYS_LOCATION, value: text('') }]))).toEqual([ERROR_STATUS.wrongLength, 1]);
    expect(outcome(set(fresh(), [{ oid: CHANNEL_STATE, value: int(5) }]))).toEqual([ERROR_STATUS.wrongValue, 1]);
    expect(outcome(set(fresh(), [{ oid: DNS, value: octets(10, 0, 0, 1) }]))).toEqual([ERROR_STATUS.wrongType, 1]);
    expect(outcome(set(fresh(), [{ oid: OCTET_ADDRESS, value: octets(10, 0, 0, 1, 0) }]))).toEqual([ERROR_STATUS.wrongLength, 1]);
    expect(outcome(set(fresh(), [{ oid: OCTET_ADDRESS, value: ip('10.0.0.2') }]))).toEqual([ERROR_STATUS.wrongType, 1]);
  });

  it('maps every refusal to SNMPv1 as RFC 3584 §4.4 says (noSuchName / badValue)', () => {
    const v1 = { v1: true };
    expect(outcome(set(fresh(), [{ oid: SYS_DESCR, value: text('x') }], v1))).toEqual([ERROR_STATUS.noSuchName, 1]);
    expect(outcome(set(fresh(), [{ oid: '1.3.6.1.2.1.1.5.1', value: text('x') }], v1))).toEqual([ERROR_STATUS.noSuchName, 1]);
    expect(outcome(set(fresh(), [{ oid: SYS_NAME, value: text('x') }], { v1: true, canWrite: false }))).toEqual([ERROR_STATUS.noSuchName, 1]);
    expect(outcome(set(fresh(), [{ oid: SYS_NAME, value: int(1) }], v1))).toEqual([ERROR_STATUS.badValue, 1]);
    expect(outcome(set(fresh(), [{ oid: SYS_NAME, value: text('x'.repeat(300)) }], v1))).toEqual([ERROR_STATUS.badValue, 1]);
    expect(outcome(set(fresh(), [{ oid: CHANNEL_STATE, value: int(9) }], v1))).toEqual([ERROR_STATUS.badValue, 1]);
    expect(v1ErrorStatus(ERROR_STATUS.inconsistentValue)).toBe(ERROR_STATUS.badValue);
    expect(v1ErrorStatus(ERROR_STATUS.authorizationError)).toBe(ERROR_STATUS.noSuchName);
    expect(v1ErrorStatus(ERROR_STATUS.commitFailed)).toBe(ERROR_STATUS.genErr);
  });

  it('answers noAccess to a community or user that may only read, for any OID', () => {
    const store = fresh();
    expect(outcome(set(store, [{ oid: SYS_NAME, value: text('x') }], { canWrite: false }))).toEqual([ERROR_STATUS.noAccess, 1]);
    expect(outcome(set(store, [{ oid: '1.3.6.1.4.1.424242.1.0', value: int(1) }], { canWrite: false }))).toEqual([ERROR_STATUS.noAccess, 1]);
    expect(store.get(SYS_NAME)).toEqual(text('printer-1'));
  });

  it('is all or nothing: one refused varbind leaves every other value as it was', () => {
    const store = fresh();
    const reply = set(store, [
      { oid: SYS_NAME, value: text('renamed') },
      { oid: OPERATOR, value: text('Ann') },
      { oid: CHANNEL_STATE, value: int(7) },
    ]);
    expect(outcome(reply)).toEqual([ERROR_STATUS.wrongValue, 3]);
    expect(store.get(SYS_NAME)).toEqual(text('printer-1'));
    expect(store.get(OPERATOR)).toEqual(text(''));
  });

  it('checks raw encodings: empty or oversized integers are wrongEncoding, a 3-byte IpAddress wrongLength', () => {
    const rule = (oid: string) => RULES.ruleFor(oid, Uint8Array.of(0)) ?? expect.fail(`no rule for ${oid}`);
    expect(checkValue(rule(CHANNEL_STATE), Uint8Array.of(0x02, 0x00))).toBe(ERROR_STATUS.wrongEncoding);
    expect(checkValue(rule(CHANNEL_STATE), Uint8Array.of(0x02, 0x06, 1, 0, 0, 0, 0, 0))).toBe(ERROR_STATUS.wrongEncoding);
    expect(checkValue(rule(CHANNEL_STATE), Uint8Array.of(0x02, 0x05, 0, 0, 0, 0, 3))).toBe(ERROR_STATUS.noError);
    expect(checkValue(rule(DNS), Uint8Array.of(0x40, 0x03, 10, 0, 0))).toBe(ERROR_STATUS.wrongLength);
    expect(checkValue(rule(DNS), Uint8Array.of(0x40, 0x04, 10, 0, 0, 1))).toBe(ERROR_STATUS.noError);
  });

  it('refuses malformed writable lists naming the entry', () => {
    expect(() => WriteRules.compile([{ oid: 'sysName', type: 'OctetString' }], 'dev')).toThrow(/dev: writable\[0\]: oid/);
    expect(() => WriteRules.compile([{ oid: SYS_NAME, type: 'Integer', values: [] }], 'dev')).toThrow(/values must be a non-empty list/);
    expect(() => WriteRules.compile([{ oid: SYS_NAME, type: 'OctetString', minLength: 10, maxLength: 5 }], 'dev')).toThrow(/minLength is above maxLength/);
    expect(() => WriteRules.compile([{ oid: SYS_NAME, type: 'Counter32' } as unknown as SimWritable], 'dev')).toThrow(/type must be one of/);
  });
});

describe('what a SET does to a device (DeviceSettings)', () => {
  const JETDIRECT: SimAddressChange = { addressOid: ADDRESS, methodOid: METHOD, staticMethod: 3, methodInSamePdu: true, applyAfter: 1000 };
  const BROTHER_STYLE: SimAddressChange = { addressOid: ADDRESS, methodOid: METHOD, staticMethod: 3, applyAfter: 'reboot' };

  function device(change: SimAddressChange, problem: (ip: string) => number | null = () => null): { store: MibStore; settings: DeviceSettings } {
    const compiler = new MibCompiler();
    const store = compiler.compile(MIB);
    const settings = new DeviceSettings(RULES, store, compiler, compileAddressChange(change, RULES, 'test'), problem);
    return { store, settings };
  }

  it('prtGeneralReset 4/5/6 asks for a reboot after the reply and reads back notResetting(3)', () => {
    const { store, settings } = device(JETDIRECT);
    expect(outcome(set(store, [{ oid: RESET, value: int(5) }], { handler: settings }))).toEqual([0, 0]);
    expect(settings.takeEffects()).toEqual({ reset: 5, address: null });
    expect(settings.takeEffects()).toBeNull();
    expect(store.get(RESET)).toEqual(int(3));
    expect(outcome(set(store, [{ oid: RESET, value: int(3) }], { handler: settings }))).toEqual([0, 0]);
    expect(settings.takeEffects()).toBeNull();
    expect(outcome(set(store, [{ oid: RESET, value: int(7) }], { handler: settings }))).toEqual([ERROR_STATUS.wrongValue, 1]);
  });

  it('JetDirect style: the address needs the manual method in the same SET, and the method needs the address', () => {
    const { store, settings } = device(JETDIRECT);
    expect(outcome(set(store, [{ oid: ADDRESS, value: ip('127.9.0.7') }], { handler: settings }))).toEqual([ERROR_STATUS.inconsistentValue, 1]);
    expect(outcome(set(store, [{ oid: METHOD, value: int(3) }], { handler: settings }))).toEqual([ERROR_STATUS.inconsistentValue, 1]);
    expect(outcome(set(store, [{ oid: METHOD, value: int(5) }, { oid: ADDRESS, value: ip('127.9.0.7') }], { handler: settings }))).toEqual([ERROR_STATUS.inconsistentValue, 2]);
    expect(settings.takeEffects()).toBeNull();
    expect(store.get(ADDRESS)).toEqual(ip('192.168.1.20'));
    expect(outcome(set(store, [{ oid: METHOD, value: int(3) }, { oid: ADDRESS, value: ip('127.9.0.7') }], { handler: settings }))).toEqual([0, 0]);
    expect(settings.takeEffects()).toEqual({ reset: null, address: '127.9.0.7' });
    expect(store.get(ADDRESS)).toEqual(ip('127.9.0.7'));
    // The method switching back to DHCP alone is fine.
    expect(outcome(set(store, [{ oid: METHOD, value: int(5) }], { handler: settings }))).toEqual([0, 0]);
  });

  it('Brother style: the address needs the static method after the SET, written before or with it', () => {
    const { store, settings } = device(BROTHER_STYLE);
    expect(outcome(set(store, [{ oid: ADDRESS, value: ip('127.9.0.8') }], { handler: settings }))).toEqual([ERROR_STATUS.inconsistentValue, 1]);
    expect(outcome(set(store, [{ oid: METHOD, value: int(3) }], { handler: settings }))).toEqual([0, 0]);
    expect(outcome(set(store, [{ oid: ADDRESS, value: ip('127.9.0.8') }], { handler: settings }))).toEqual([0, 0]);
    expect(settings.takeEffects()?.address).toBe('127.9.0.8');
  });

  it('refuses an address the device cannot take with the status the device gives', () => {
    const { store, settings } = device(JETDIRECT, (address) => (address.startsWith('127.') ? (address === '127.9.9.9' ? ERROR_STATUS.inconsistentValue : null) : ERROR_STATUS.wrongValue));
    const move = (to: string) => outcome(set(store, [{ oid: METHOD, value: int(3) }, { oid: ADDRESS, value: ip(to) }], { handler: settings }));
    expect(move('10.0.0.5')).toEqual([ERROR_STATUS.wrongValue, 2]);
    expect(move('127.9.9.9')).toEqual([ERROR_STATUS.inconsistentValue, 2]);
    expect(store.get(METHOD)).toEqual(int(5));
  });

  it('a factory reset restores what SETs changed; the address object follows the device', () => {
    const { store, settings } = device(JETDIRECT);
    settings.syncAddressObject('127.20.0.5');
    expect(store.get(ADDRESS)).toEqual(ip('127.20.0.5'));
    set(store, [{ oid: SYS_NAME, value: text('first') }], { handler: settings });
    set(store, [{ oid: SYS_NAME, value: text('second') }, { oid: CHANNEL_STATE, value: int(4) }], { handler: settings });
    settings.factoryReset();
    expect(store.get(SYS_NAME)).toEqual(text('printer-1'));
    expect(store.get(CHANNEL_STATE)).toEqual(int(3));
  });

  it('refuses an addressChange whose objects are not writable as an address and a method', () => {
    expect(() => compileAddressChange({ addressOid: SYS_NAME }, RULES, 'dev')).toThrow(/IpAddress or Ipv4OctetString/);
    expect(() => compileAddressChange({ addressOid: ADDRESS, methodOid: SYS_NAME, staticMethod: 3 }, RULES, 'dev')).toThrow(/writable Integer/);
    expect(() => compileAddressChange({ addressOid: ADDRESS, applyAfter: -1 }, RULES, 'dev')).toThrow(/applyAfter/);
    expect(compileAddressChange({ addressOid: OCTET_ADDRESS }, RULES, 'dev')).toMatchObject({ applyAfter: 'reboot', methodOid: null });
  });
});

describe('device options (<name>.device.json)', () => {
  it('accepts communities, writable objects and an address change; ignores $comment', () => {
    const options = parseDeviceOptions({ $comment: 'x', writeCommunities: ['internal'], writable: WRITABLE, addressChange: { addressOid: ADDRESS, methodOid: METHOD, staticMethod: 3 } }, 'hp.device.json');
    expect(options.writeCommunities).toEqual(['internal']);
    expect(options).not.toHaveProperty('$comment');
  });

  it('names the file and what is wrong', () => {
    expect(() => parseDeviceOptions({ writeComunities: ['x'] }, 'a.device.json')).toThrow(/a\.device\.json: unknown key "writeComunities"/);
    expect(() => parseDeviceOptions({ writable: [{ oid: SYS_NAME, type: 'Text' }] }, 'b.device.json')).toThrow(DeviceOptionsError);
    expect(() => parseDeviceOptions({ writeCommunities: 'private' }, 'c.device.json')).toThrow(/writeCommunities must be a list/);
    expect(() => parseDeviceOptions({ writable: [], addressChange: { addressOid: ADDRESS } }, 'd.device.json')).toThrow(/d\.device\.json: addressChange/);
    expect(() => parseDeviceOptions([], 'e.device.json')).toThrow(/must be a JSON object/);
  });

  it('SNMPv3 users are read-only or read-write, nothing else', () => {
    expect(() => validateV3User({ name: 'w', level: 'noAuthNoPriv', access: 'read-write' })).not.toThrow();
    expect(() => validateV3User({ name: 'w', level: 'noAuthNoPriv', access: 'write' as 'read-write' })).toThrow(/access must be/);
  });
});
