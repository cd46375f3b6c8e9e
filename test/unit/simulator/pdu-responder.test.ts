import { describe, expect, it } from 'vitest';
import { MibCompiler, type MibStore } from '../../../src-main/simulator/mib-store';
import { respond } from '../../../src-main/simulator/pdu-responder';
import { readCommunityRequest } from '../../../src-main/simulator/request-reader';
import { replyOverhead, writeReply } from '../../../src-main/simulator/response-writer';
import { storingSetHandler, type SetHandler } from '../../../src-main/simulator/set-responder';
import { WriteRules, type SimWritableSpec } from '../../../src-main/simulator/write-rules';
import { decodeCommunityMessage, encodeCommunityMessage, ERROR_STATUS, PDU_TYPE, type Pdu, type PduTypeName } from '../../../src-shared/snmp/ber/snmp-pdu-codec';
import type { SnmpValue, VarBind } from '../../../src-shared/snmp/snmp-value';

const int = (value: number): SnmpValue => ({ type: 'Integer', value });
const text = (s: string): SnmpValue => ({ type: 'OctetString', value: new Uint8Array(Buffer.from(s)) });
const NULL: SnmpValue = { type: 'Null', value: null };

const MIB: VarBind[] = [
  { oid: '1.3.6.1.2.1.1.1.0', value: text('Test printer') },
  { oid: '1.3.6.1.2.1.1.5.0', value: text('printer-1') },
  { oid: '1.3.6.1.2.1.31.1.1.1.6.2', value: { type: 'Counter64', value: 5000000000n } },
  { oid: '1.3.6.1.2.1.43.11.1.1.6.1.1', value: text('Black Toner') },
  { oid: '1.3.6.1.2.1.43.11.1.1.6.1.2', value: text('Cyan Toner') },
  { oid: '1.3.6.1.2.1.43.11.1.1.9.1.1', value: int(40) },
  { oid: '1.3.6.1.2.1.43.11.1.1.9.1.2', value: int(75) },
];

interface Options {
  version?: 'v1' | 'v2c';
  maxMessageSize?: number;
  /** Whether the community may write (default true). */
  canWrite?: boolean;
  /** Writable objects (default 'any': every existing object, same type — the permissive mode, asked for explicitly). */
  writable?: SimWritableSpec;
  handler?: SetHandler;
}

/** Runs one request through decode → respond → encode → decode, as the agent does. */
function ask(store: MibStore, type: PduTypeName, varbinds: VarBind[], fields: Partial<Pdu> = {}, o: Options = {}): Pdu | null {
  const wire = encodeCommunityMessage({
    version: o.version ?? 'v2c',
    community: 'public',
    pdu: { type, requestId: 77, errorStatus: 0, errorIndex: 0, varbinds, ...fields },
  });
  const request = readCommunityRequest(wire);
  const prefix = wire.subarray(request.prefixStart, request.prefixEnd);
  const pdu = request.pdu;
  const maxListBytes = (o.maxMessageSize ?? 1472) - replyOverhead(prefix.length, pdu.requestIdEnd - pdu.requestIdStart);
  const setHandler = o.handler ?? storingSetHandler(WriteRules.compile(o.writable ?? 'any', 'test'));
  const body = respond(pdu, { store, v1: o.version === 'v1', maxListBytes, canWrite: o.canWrite ?? true, setHandler, dynamicValue: () => null });
  if (!body) return null;
  const reply = writeReply([prefix], PDU_TYPE.response, pdu.buf.subarray(pdu.requestIdStart, pdu.requestIdEnd), body);
  expect(reply.length).toBeLessThanOrEqual(o.maxMessageSize ?? 1472);
  const decoded = decodeCommunityMessage(reply).pdu;
  expect(decoded.type).toBe('response');
  expect(decoded.requestId).toBe(77);
  return decoded;
}

const q = (...oids: string[]): VarBind[] => oids.map((oid) => ({ oid, value: NULL }));
const fresh = (): MibStore => new MibCompiler().compile(MIB);

describe('GET', () => {
  it('answers known OIDs and tells noSuchInstance (object exists) from noSuchObject (v2c)', () => {
    const reply = ask(fresh(), 'getRequest', q('1.3.6.1.2.1.1.5.0', '1.3.6.1.2.1.1.5.1', '1.3.6.1.2.1.1.99.0', '1.3.6.1.2.1.43.11.1.1.9.1.9'));
    expect(reply?.varbinds.map((vb) => vb.value.type)).toEqual(['OctetString', 'NoSuchInstance', 'NoSuchObject', 'NoSuchInstance']);
    expect(reply?.errorStatus).toBe(0);
  });

  it('answers SNMPv1 with noSuchName and the index of the first missing varbind, echoing the request', () => {
    const reply = ask(fresh(), 'getRequest', q('1.3.6.1.2.1.1.5.0', '1.3.6.1.2.1.1.99.0'), {}, { version: 'v1' });
    expect(reply).toMatchObject({ errorStatus: ERROR_STATUS.noSuchName, errorIndex: 2 });
    expect(reply?.varbinds).toEqual(q('1.3.6.1.2.1.1.5.0', '1.3.6.1.2.1.1.99.0'));
  });

  it('hides Counter64 from SNMPv1 (RFC 3584)', () => {
    expect(ask(fresh(), 'getRequest', q('1.3.6.1.2.1.31.1.1.1.6.2'), {}, { version: 'v1' })?.errorStatus).toBe(ERROR_STATUS.noSuchName);
    expect(ask(fresh(), 'getRequest', q('1.3.6.1.2.1.31.1.1.1.6.2'))?.varbinds[0]?.value).toEqual({ type: 'Counter64', value: 5000000000n });
  });

  it('answers tooBig with an empty list (v2c) when the reply would not fit', () => {
    const reply = ask(fresh(), 'getRequest', q(...Array.from({ length: 60 }, () => '1.3.6.1.2.1.1.1.0')), {}, { maxMessageSize: 484 });
    expect(reply).toMatchObject({ errorStatus: ERROR_STATUS.tooBig, errorIndex: 0, varbinds: [] });
  });
});

describe('GETNEXT', () => {
  it('returns the numerically next OID, endOfMibView past the end (v2c)', () => {
    const reply = ask(fresh(), 'getNextRequest', q('1.3.6.1.2.1.1', '1.3.6.1.2.1.43.11.1.1.6.1.9', '1.3.6.1.2.1.43.11.1.1.9.1.2'));
    expect(reply?.varbinds.map((vb) => vb.oid)).toEqual(['1.3.6.1.2.1.1.1.0', '1.3.6.1.2.1.43.11.1.1.9.1.1', '1.3.6.1.2.1.43.11.1.1.9.1.2']);
    expect(reply?.varbinds[2]?.value.type).toBe('EndOfMibView');
  });

  it('skips Counter64 and ends with noSuchName in SNMPv1', () => {
    expect(ask(fresh(), 'getNextRequest', q('1.3.6.1.2.1.1.5.0'), {}, { version: 'v1' })?.varbinds[0]?.oid).toBe('1.3.6.1.2.1.43.11.1.1.6.1.1');
    expect(ask(fresh(), 'getNextRequest', q('1.3.6.1.2.1.43.11.1.1.9.1.2'), {}, { version: 'v1' })).toMatchObject({ errorStatus: ERROR_STATUS.noSuchName, errorIndex: 1 });
  });
});

describe('GETBULK', () => {
  it('returns non-repeaters first, then repetitions row by row, then endOfMibView (RFC 3416 §4.2.3)', () => {
    const reply = ask(fresh(), 'getBulkRequest', q('1.3.6.1.2.1.1.1.0', '1.3.6.1.2.1.43.11.1.1.6', '1.3.6.1.2.1.43.11.1.1.9'), { errorStatus: 1, errorIndex: 3 });
    expect(reply?.varbinds.map((vb) => `${vb.oid}=${vb.value.type}`)).toEqual([
      '1.3.6.1.2.1.1.5.0=OctetString',
      '1.3.6.1.2.1.43.11.1.1.6.1.1=OctetString',
      '1.3.6.1.2.1.43.11.1.1.9.1.1=Integer',
      '1.3.6.1.2.1.43.11.1.1.6.1.2=OctetString',
      '1.3.6.1.2.1.43.11.1.1.9.1.2=Integer',
      '1.3.6.1.2.1.43.11.1.1.9.1.1=Integer',
      '1.3.6.1.2.1.43.11.1.1.9.1.2=EndOfMibView',
    ]);
  });

  it('stops after a repetition in which every column reached the end', () => {
    const reply = ask(fresh(), 'getBulkRequest', q('1.3.6.1.2.1.43.11.1.1.9.1.1'), { errorStatus: 0, errorIndex: 1000 });
    expect(reply?.varbinds.map((vb) => vb.value.type)).toEqual(['Integer', 'EndOfMibView']);
    expect(reply?.varbinds[1]?.oid).toBe('1.3.6.1.2.1.43.11.1.1.9.1.2');
  });

  it('truncates repetitions to fit the message size instead of answering tooBig', () => {
    const big = new MibCompiler().compile(Array.from({ length: 200 }, (_, i) => ({ oid: `1.3.6.1.2.1.43.11.1.1.6.1.${i + 1}`, value: text('x'.repeat(40)) })));
    const reply = ask(big, 'getBulkRequest', q('1.3.6.1.2.1.43.11.1.1.6'), { errorStatus: 0, errorIndex: 200 }, { maxMessageSize: 1472 });
    expect(reply?.errorStatus).toBe(0);
    expect(reply?.varbinds.length).toBeGreaterThan(20);
    expect(reply?.varbinds.length).toBeLessThan(200);
  });

  it('is not part of SNMPv1: the agent does not answer', () => {
    expect(ask(fresh(), 'getBulkRequest', q('1.3.6.1.2.1.1'), {}, { version: 'v1' })).toBeNull();
  });
});

describe('SET (permissive mode: writable "any")', () => {
  it('stores a value of the same type and confirms it by echo', () => {
    const store = fresh();
    const reply = ask(store, 'setRequest', [{ oid: '1.3.6.1.2.1.1.5.0', value: text('renamed') }]);
    expect(reply).toMatchObject({ errorStatus: 0, varbinds: [{ oid: '1.3.6.1.2.1.1.5.0', value: text('renamed') }] });
    expect(store.get('1.3.6.1.2.1.1.5.0')).toEqual(text('renamed'));
  });

  it('refuses a different type (wrongType / v1 badValue) and changes nothing of the request', () => {
    const store = fresh();
    const reply = ask(store, 'setRequest', [
      { oid: '1.3.6.1.2.1.1.5.0', value: text('renamed') },
      { oid: '1.3.6.1.2.1.43.11.1.1.9.1.1', value: text('forty') },
    ]);
    expect(reply).toMatchObject({ errorStatus: ERROR_STATUS.wrongType, errorIndex: 2 });
    expect(store.get('1.3.6.1.2.1.1.5.0')).toEqual(text('printer-1'));
    expect(ask(store, 'setRequest', [{ oid: '1.3.6.1.2.1.1.5.0', value: int(1) }], {}, { version: 'v1' })?.errorStatus).toBe(ERROR_STATUS.badValue);
  });

  it('refuses unknown OIDs and devices with nothing writable with notWritable (v1: noSuchName)', () => {
    expect(ask(fresh(), 'setRequest', [{ oid: '1.3.6.1.2.1.1.99.0', value: int(1) }])?.errorStatus).toBe(ERROR_STATUS.notWritable);
    expect(ask(fresh(), 'setRequest', [{ oid: '1.3.6.1.2.1.1.5.0', value: text('x') }], {}, { writable: [] })?.errorStatus).toBe(ERROR_STATUS.notWritable);
    expect(ask(fresh(), 'setRequest', [{ oid: '1.3.6.1.2.1.1.99.0', value: int(1) }], {}, { version: 'v1' })?.errorStatus).toBe(ERROR_STATUS.noSuchName);
  });
});
