import { describe, expect, it } from 'vitest';
import { BER_TAG, encodeBytes, encodeInteger, encodeOidArcs, oidToArcs } from '../../../src-shared/snmp/ber/ber-primitives';
import { decodeCommunityMessage, encodeCommunityMessage, notificationVarbinds } from '../../../src-shared/snmp/ber/snmp-pdu-codec';
import { decodeTrap, informResponse } from '../../../src-main/core/monitor/trap-decoder';
import { aV1Trap } from '../../helpers/trap-builders';

const PRINTER_ALERT_TRAP = '1.3.6.1.2.1.43.18.2.0.1';

describe('decodeTrap', () => {
  it('reads a v1 enterprise-specific trap with its agent address and RFC 3584 trap OID', () => {
    const trap = decodeTrap(aV1Trap({ specific: 3 }));
    expect(trap).toMatchObject({ version: 'v1', community: 'public', pdu: 'trapV1', requestId: null, agentAddress: '127.122.0.9', trapOid: '1.3.6.1.4.1.11.0.3' });
    expect(trap.varbinds).toEqual([{ oid: '1.3.6.1.2.1.43.18.1.1.8.1.1', value: { type: 'Integer', value: 8 } }]);
  });

  it('maps v1 generic traps to snmpTraps (linkUp = generic 3 → .5.4)', () => {
    expect(decodeTrap(aV1Trap({ generic: 3 })).trapOid).toBe('1.3.6.1.6.3.1.1.5.4');
  });

  it('reads a v2c SNMPv2-Trap and an InformRequest with their snmpTrapOID', () => {
    for (const type of ['trapV2', 'informRequest'] as const) {
      const message = encodeCommunityMessage({ version: 'v2c', community: 'c', pdu: { type, requestId: 77, errorStatus: 0, errorIndex: 0, varbinds: notificationVarbinds(100, PRINTER_ALERT_TRAP) } });
      expect(decodeTrap(message)).toMatchObject({ version: 'v2c', community: 'c', pdu: type, requestId: 77, trapOid: PRINTER_ALERT_TRAP, agentAddress: null });
    }
  });

  it('answers an inform with a Response carrying its request-id and varbinds', () => {
    const varbinds = notificationVarbinds(100, PRINTER_ALERT_TRAP);
    const inform = decodeTrap(encodeCommunityMessage({ version: 'v2c', community: 'c', pdu: { type: 'informRequest', requestId: 4242, errorStatus: 0, errorIndex: 0, varbinds } }));
    const response = decodeCommunityMessage(informResponse(inform));
    expect(response).toEqual({ version: 'v2c', community: 'c', pdu: { type: 'response', requestId: 4242, errorStatus: 0, errorIndex: 0, varbinds } });
  });

  /** An InformRequest written byte by byte, with what a real agent may send and our encoder would not write. */
  function rawInform(community: number[], requestId: number, value: Uint8Array): Uint8Array {
    const varbind = encodeBytes(BER_TAG.sequence, Buffer.concat([encodeOidArcs(oidToArcs('1.3.6.1.2.1.43.18.1.1.8.1.1')), value]));
    const body = Buffer.concat([encodeInteger(BER_TAG.integer, requestId), encodeInteger(BER_TAG.integer, 0), encodeInteger(BER_TAG.integer, 0), encodeBytes(BER_TAG.sequence, varbind)]);
    return encodeBytes(BER_TAG.sequence, Buffer.concat([encodeInteger(BER_TAG.integer, 1), encodeBytes(BER_TAG.octetString, Uint8Array.from(community)), encodeBytes(0xa6, body)]));
  }

  it('answers an inform byte for byte, even one whose values would not encode again (a 5-byte INTEGER, a community that is not UTF-8)', () => {
    const inform = rawInform([0xff, 0xfe, 0x41], 99, encodeInteger(BER_TAG.integer, 2 ** 40));
    const trap = decodeTrap(inform);
    expect(trap.varbinds[0]?.value).toEqual({ type: 'Integer', value: 2 ** 40 });
    const expected = Buffer.from(inform);
    expected[expected.indexOf(0xa6)] = 0xa2; // the PDU tag: InformRequest → Response, nothing else changes
    expect(Buffer.from(informResponse(trap)).toString('hex')).toBe(expected.toString('hex'));
  });

  it('refuses an inform whose request-id is not an Integer32, so no Response is sent for it', () => {
    expect(() => decodeTrap(rawInform([0x70], 2 ** 40, encodeInteger(BER_TAG.integer, 1)))).toThrow(/request-id 1099511627776 is not an Integer32/);
  });

  it('refuses requests, truncated or garbage datagrams and v3 with a BerError', () => {
    const get = encodeCommunityMessage({ version: 'v2c', community: 'c', pdu: { type: 'getRequest', requestId: 1, errorStatus: 0, errorIndex: 0, varbinds: [] } });
    expect(() => decodeTrap(get)).toThrow(/not a notification/);
    const v1 = aV1Trap();
    expect(() => decodeTrap(v1.subarray(0, v1.length - 5))).toThrow(/BerError|runs past|truncated/);
    expect(() => decodeTrap(Uint8Array.from([1, 2, 3, 4, 5]))).toThrow();
    const v3 = encodeBytes(BER_TAG.sequence, encodeInteger(BER_TAG.integer, 3));
    expect(() => decodeTrap(v3)).toThrow(/version 3/);
  });
});
