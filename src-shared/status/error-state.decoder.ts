import { PRINTER_CONDITIONS, type PrinterCondition } from '../domain/device-reading';

/**
 * hrPrinterDetectedErrorState (RFC 2790, extended by RFC 3805) is a BITS value: bit 0 is the
 * most significant bit of the first octet. Agents send one octet (RFC 2790 bits only), two
 * octets, or an empty string when nothing is wrong; octets beyond the defined bits are ignored.
 */

/** The conditions whose bits are set, in bit order; [] for null or empty input. Never throws. */
export function decodeErrorState(bytes: Uint8Array | null): PrinterCondition[] {
  if (!bytes || bytes.length === 0) return [];
  const out: PrinterCondition[] = [];
  for (let bit = 0; bit < PRINTER_CONDITIONS.length; bit++) {
    const octet = bytes[bit >> 3];
    if (octet === undefined) break;
    if ((octet & (0x80 >> (bit & 7))) !== 0) out.push(PRINTER_CONDITIONS[bit] as PrinterCondition);
  }
  return out;
}
