import { describe, expect, it } from 'vitest';
import { BerError, BerReader, readOidArcs } from '../../../src-shared/snmp/ber/ber-primitives';
import { decodeCommunityMessage, encodeCommunityMessage, PDU_TYPE } from '../../../src-shared/snmp/ber/snmp-pdu-codec';
import type { VarBind } from '../../../src-shared/snmp/snmp-value';
import { encodeCommunityRequest, readOidString, readResponseHead, readVarbinds, settingVarbind, VarbindEncodings } from '../../../src-main/core/snmp/community-wire';

/** The hot-path wire code checked against the general codec (src-shared/snmp/ber/snmp-pdu-codec). */

const OIDS = ['1.3.6.1.2.1.1.1.0', '1.3.6.1.2.1.43.11.1.1.9.1.1', '1.3.6.1.4.1.11.2.3.9.4.2.1.4.1.2.5.0', '2.999.4294967295'];

describe('requests', () => {
  it('encodes a GET the general decoder reads back exactly (version, community, id, OIDs with NULL)', () => {
    const encodings = new VarbindEncodings();
    const bytes = encodeCommunityRequest({ version: 1, community: Buffer.from('pub lic'), pduTag: PDU_TYPE.getRequest, requestId: 2_000_000_123, second: 0, third: 0, varbinds: OIDS.map((o) => encodings.asking(o)) });
    const message = decodeCommunityMessage(bytes);
    expect(message).toMatchObject({ version: 'v2c', community: 'pub lic', pdu: { type: 'getRequest', requestId: 2_000_000_123, errorStatus: 0, errorIndex: 0 } });
    expect(message.pdu.varbinds).toEqual(OIDS.map((oid) => ({ oid, value: { type: 'Null', value: null } })));
  });

  it('carries non-repeaters and max-repetitions of a GetBulk, and SET values', () => {
    const encodings = new VarbindEncodings();
    const bulk = decodeCommunityMessage(encodeCommunityRequest({ version: 1, community: Buffer.from('c'), pduTag: PDU_TYPE.getBulkRequest, requestId: 7, second: 1, third: 20, varbinds: OIDS.slice(0, 2).map((o) => encodings.asking(o)) }));
    expect(bulk.pdu).toMatchObject({ type: 'getBulkRequest', errorStatus: 1, errorIndex: 20 });
    const values: VarBind[] = [
      { oid: '1.3.6.1.2.1.1.6.0', value: { type: 'OctetString', value: Buffer.from('Floor 3') } },
      { oid: '1.3.6.1.2.1.43.5.1.1.3.1', value: { type: 'Integer', value: -4 } },
    ];
    const set = decodeCommunityMessage(encodeCommunityRequest({ version: 0, community: Buffer.from('private'), pduTag: PDU_TYPE.setRequest, requestId: 1, second: 0, third: 0, varbinds: values.map(settingVarbind) }));
    expect(set.version).toBe('v1');
    expect(set.pdu.varbinds).toEqual([{ oid: '1.3.6.1.2.1.1.6.0', value: { type: 'OctetString', value: Uint8Array.from(Buffer.from('Floor 3')) } }, values[1]]);
  });

  it('refuses an OID arc beyond 2^32-1 and a value out of its range', () => {
    expect(() => new VarbindEncodings().asking('1.3.4294967296')).toThrow(RangeError);
    expect(() => settingVarbind({ oid: '1.3.6', value: { type: 'Counter32', value: -1 } })).toThrow(RangeError);
  });

  it('keeps the encodings in use, and lets the others go once two generations have passed', () => {
    const encodings = new VarbindEncodings(2);
    const kept = encodings.asking(OIDS[0] as string);
    expect(encodings.asking(OIDS[0] as string)).toBe(kept);
    const dropped = encodings.asking(OIDS[1] as string);
    encodings.asking(OIDS[2] as string); // young was full: [0, 1] become old
    expect(encodings.asking(OIDS[0] as string)).toBe(kept); // in use: back in young
    encodings.asking(OIDS[3] as string); // young was full again: [2, 0] old, [1] gone
    expect(encodings.asking(OIDS[1] as string)).not.toBe(dropped);
    expect(encodings.asking(OIDS[1] as string)).toEqual(dropped);
    expect(encodings.size).toBeLessThanOrEqual(4);
  });
});

describe('responses', () => {
  const reply = (varbinds: VarBind[], errorStatus = 0, errorIndex = 0): Buffer =>
    Buffer.from(encodeCommunityMessage({ version: 'v2c', community: 'public', pdu: { type: 'response', requestId: 99, errorStatus, errorIndex, varbinds } }));

  const answer: VarBind[] = [
    { oid: OIDS[0] as string, value: { type: 'OctetString', value: Buffer.from('HP LaserJet') } },
    { oid: OIDS[1] as string, value: { type: 'Integer', value: 168 } },
    { oid: OIDS[2] as string, value: { type: 'Counter64', value: 2n ** 40n + 5n } },
    { oid: OIDS[3] as string, value: { type: 'NoSuchInstance', value: null } },
  ];

  it('reads what the general encoder wrote: head, then every value, OCTET STRINGs as views', () => {
    const bytes = reply(answer);
    const head = readResponseHead(bytes);
    expect(head).toMatchObject({ version: 1, pduTag: PDU_TYPE.response, requestId: 99, errorStatus: 0, errorIndex: 0 });
    expect(bytes.subarray(head.communityStart, head.communityEnd).toString()).toBe('public');
    const varbinds = readVarbinds(bytes, head.list);
    expect(varbinds.map((vb) => vb.oid)).toEqual(OIDS);
    expect(varbinds.map((vb) => vb.value.type)).toEqual(['OctetString', 'Integer', 'Counter64', 'NoSuchInstance']);
    expect(varbinds[2]?.value.value).toBe(2n ** 40n + 5n);
    const text = varbinds[0]?.value.value as Uint8Array;
    expect(Buffer.from(text).toString()).toBe('HP LaserJet');
    expect(text.buffer).toBe(bytes.buffer);
  });

  it('reuses the asked OID string when the answer names the same OID, and reads it when it differs', () => {
    const encodings = new VarbindEncodings();
    const asked = ['1.3.6.1.2.1.1.1.0', '1.3.6.1.2.1.1.5.0'].map((oid) => `${oid}`);
    const bytes = reply([
      { oid: '1.3.6.1.2.1.1.1.0', value: { type: 'Null', value: null } },
      { oid: '1.3.6.1.2.1.1.50', value: { type: 'Null', value: null } },
    ]);
    const head = readResponseHead(bytes);
    const varbinds = readVarbinds(bytes, head.list, asked, asked.map((o) => encodings.asking(o)));
    expect(varbinds[0]?.oid).toBe(asked[0]);
    expect(varbinds[1]?.oid).toBe('1.3.6.1.2.1.1.50');
  });

  it('reads OIDs as the general reader does, first arcs 0, 1 and 2 included', () => {
    for (const oid of ['0.0', '0.39.5', '1.3.6.1.4.1.2', '2.5.29.17', '2.999.1', '1.3.6.1.2.1.4294967295']) {
      const bytes = reply([{ oid, value: { type: 'Null', value: null } }]);
      const list = readResponseHead(bytes).list;
      list.next(0x30);
      const vb = new BerReader(bytes, list.start, list.end);
      vb.next(0x06);
      expect(readOidString(bytes, vb.start, vb.end)).toBe(readOidArcs(bytes, vb.start, vb.end).join('.'));
      expect(readOidString(bytes, vb.start, vb.end)).toBe(oid);
    }
  });

  it('throws BerError for truncated, lying or non-SNMP datagrams', () => {
    const good = reply(answer);
    for (let cut = 1; cut < good.length; cut += 7) {
      expect(() => {
        const head = readResponseHead(good.subarray(0, cut));
        readVarbinds(good.subarray(0, cut), head.list);
      }).toThrow(BerError);
    }
    expect(() => readResponseHead(Buffer.from([0x30, 0x05, 0xff, 0xff]))).toThrow(BerError);
    expect(() => readOidString(Uint8Array.of(0x2b, 0x86), 0, 2)).toThrow(/unterminated/);
    expect(() => readOidString(Uint8Array.of(0x2b, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f), 0, 7)).toThrow(/too long/);
  });
});

describe('OID text', () => {
  it('writes every arc size in decimal, as the general reader does, for random OIDs', () => {
    let seed = 7;
    const random = (): number => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const arcSizes = [9, 10, 99, 127, 128, 16_383, 16_384, 2 ** 21, 2 ** 28, 4_294_967_295];
    for (let round = 0; round < 500; round++) {
      const arcs = [Math.floor(random() * 3), Math.floor(random() * 40)];
      const length = 1 + Math.floor(random() * 30);
      for (let i = 0; i < length; i++) arcs.push(Math.floor(random() * (arcSizes[Math.floor(random() * arcSizes.length)] as number)));
      const oid = arcs.join('.');
      const bytes = Buffer.from(encodeCommunityMessage({ version: 'v2c', community: 'c', pdu: { type: 'response', requestId: 1, errorStatus: 0, errorIndex: 0, varbinds: [{ oid, value: { type: 'Null', value: null } }] } }));
      const [vb] = readVarbinds(bytes, readResponseHead(bytes).list);
      expect(vb?.oid).toBe(oid);
    }
  });

  it('reads an OID too long for its scratch space through the general reader', () => {
    const oid = `1.3.${Array.from({ length: 300 }, (_, i) => 200 + i).join('.')}`;
    const bytes = Buffer.from(encodeCommunityMessage({ version: 'v2c', community: 'c', pdu: { type: 'response', requestId: 1, errorStatus: 0, errorIndex: 0, varbinds: [{ oid, value: { type: 'Null', value: null } }] } }));
    expect(readVarbinds(bytes, readResponseHead(bytes).list)[0]?.oid).toBe(oid);
  });
});

describe('what the review found', () => {
  const reply = (varbinds: VarBind[]): Buffer =>
    Buffer.from(encodeCommunityMessage({ version: 'v2c', community: 'public', pdu: { type: 'response', requestId: 5, errorStatus: 0, errorIndex: 0, varbinds } }));

  it('does not take a shorter answered OID for the asked one when its bytes end the asked OID', () => {
    const encodings = new VarbindEncodings();
    const asked = ['1.3.6.2.7.8'];
    const bytes = reply([{ oid: '0.7.8', value: { type: 'Null', value: null } }]);
    const [vb] = readVarbinds(bytes, readResponseHead(bytes).list, asked, asked.map((o) => encodings.asking(o)));
    expect(vb?.oid).toBe('0.7.8');
  });

  it('reads lengths written with more octets than needed (0x84 00 00 00 nn), as agents send them', () => {
    const plain = reply([{ oid: '1.3.6.1.2.1.1.5.0', value: { type: 'OctetString', value: Buffer.from('printer') } }]);
    // The outer SEQUENCE length in four octets instead of one.
    const padded = Buffer.concat([Buffer.from([0x30, 0x84, 0, 0, 0, plain[1] as number]), plain.subarray(2)]);
    const [vb] = readVarbinds(padded, readResponseHead(padded).list);
    expect(Buffer.from(vb?.value.value as Uint8Array).toString()).toBe('printer');
    expect(() => readResponseHead(Buffer.concat([Buffer.from([0x30, 0x88, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]), plain.subarray(2)]))).toThrow(BerError);
  });

  it('refuses a varbind whose OID runs into the next varbind', () => {
    const bytes = reply([
      { oid: '1.3.6.1', value: { type: 'Null', value: null } },
      { oid: '1.3.6.2', value: { type: 'Null', value: null } },
    ]);
    const lying = Buffer.from(bytes);
    const firstOid = lying.indexOf(Buffer.from([0x06, 0x03, 0x2b, 0x06, 0x01]));
    lying[firstOid + 1] = 0x05; // the OID now claims the NULL and the next header
    expect(() => readVarbinds(lying, readResponseHead(lying).list)).toThrow(BerError);
  });
});
