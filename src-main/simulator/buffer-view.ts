/**
 * The shared BER codec (src-shared/snmp/ber) is pure and returns Uint8Arrays; the simulator's
 * hot path keeps Node Buffers (latin1 interning keys, socket writes). A view shares the memory,
 * so crossing over costs no copy.
 */
export function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
