import { describe, expect, it } from 'vitest';
import { decodeErrorState } from '../../../src-shared/status/error-state.decoder';

describe('decodeErrorState (hrPrinterDetectedErrorState bits, bit 0 = MSB of octet 0)', () => {
  it('reads no conditions from null, an empty string or zero octets', () => {
    expect(decodeErrorState(null)).toEqual([]);
    expect(decodeErrorState(new Uint8Array())).toEqual([]);
    expect(decodeErrorState(Uint8Array.from([0x00]))).toEqual([]);
    expect(decodeErrorState(Uint8Array.from([0x00, 0x00]))).toEqual([]);
  });

  it('reads the RFC 2790 bits from a single octet', () => {
    expect(decodeErrorState(Uint8Array.from([0x80]))).toEqual(['lowPaper']);
    expect(decodeErrorState(Uint8Array.from([0x04]))).toEqual(['jammed']);
    expect(decodeErrorState(Uint8Array.from([0x01]))).toEqual(['serviceRequested']);
    expect(decodeErrorState(Uint8Array.from([0x4a]))).toEqual(['noPaper', 'doorOpen', 'offline']);
  });

  it('reads the RFC 3805 bits from the second octet', () => {
    expect(decodeErrorState(Uint8Array.from([0x00, 0x80]))).toEqual(['inputTrayMissing']);
    expect(decodeErrorState(Uint8Array.from([0x00, 0x20]))).toEqual(['markerSupplyMissing']);
    expect(decodeErrorState(Uint8Array.from([0x00, 0x04]))).toEqual(['inputTrayEmpty']);
    expect(decodeErrorState(Uint8Array.from([0x00, 0x02]))).toEqual(['overduePreventMaint']);
    expect(decodeErrorState(Uint8Array.from([0x20, 0x08]))).toEqual(['lowToner', 'outputFull']);
  });

  it('decodes every defined bit when all are set, ignoring the undefined bit 15', () => {
    expect(decodeErrorState(Uint8Array.from([0xff, 0xff]))).toHaveLength(15);
    expect(decodeErrorState(Uint8Array.from([0x00, 0x01]))).toEqual([]);
  });

  it('ignores octets beyond the second', () => {
    expect(decodeErrorState(Uint8Array.from([0x00, 0x40, 0xff, 0xff]))).toEqual(['outputTrayMissing']);
  });
});
