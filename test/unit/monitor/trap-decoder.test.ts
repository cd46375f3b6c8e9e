import { describe, expect, it } from 'vitest';
import { BER_TAG, encodeBytes, encodeInteger } from '../../../src-shared/snmp/ber/ber-primitives';
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
